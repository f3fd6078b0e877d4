/**
 * Serves force-app static resources as the platform does under /resource/<name>: a folder
 * resource (unzipped in DX source) serves its files, a single-file resource serves that file.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Resolves `/resource/<name>[/<inner path>]` to a file on disk, or undefined. */
export function resolveStaticResource(
    resourcesDir: string,
    name: string,
    innerPath: string
): string | undefined {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || !existsSync(resourcesDir)) return undefined;
    const folder = path.join(resourcesDir, name);
    if (existsSync(folder) && statSync(folder).isDirectory()) {
        const file = path.resolve(folder, innerPath);
        // Never leave the resource folder (`..` in the request path).
        if (!file.startsWith(folder + path.sep) || !existsSync(file)) return undefined;
        return statSync(file).isFile() ? file : undefined;
    }
    if (innerPath !== '') return undefined;
    const single = readdirSync(resourcesDir).find(
        (entry) => entry.startsWith(`${name}.`) && !entry.endsWith('-meta.xml')
    );
    return single ? path.join(resourcesDir, single) : undefined;
}
