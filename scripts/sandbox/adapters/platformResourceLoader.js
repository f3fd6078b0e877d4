/* global document */
/**
 * `lightning/platformResourceLoader`: loads a static resource script or stylesheet once per URL
 * (the sandbox server serves force-app/main/default/staticresources under /resource/).
 */
const loaded = new Map();

function loadOnce(url, createElement) {
    if (!loaded.has(url)) {
        loaded.set(
            url,
            new Promise((resolve, reject) => {
                const element = createElement();
                element.addEventListener('load', () => resolve());
                element.addEventListener('error', () => {
                    loaded.delete(url);
                    reject(new Error(`Could not load the static resource ${url}`));
                });
                document.head.appendChild(element);
            })
        );
    }
    return loaded.get(url);
}

/** Loads a script; resolves when it has run. */
export function loadScript(_component, url) {
    return loadOnce(url, () => {
        const script = document.createElement('script');
        script.src = url;
        script.charset = 'utf-8';
        return script;
    });
}

/** Loads a stylesheet into the page. */
export function loadStyle(_component, url) {
    return loadOnce(url, () => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = url;
        return link;
    });
}
