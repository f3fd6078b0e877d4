import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';

describe('c-error-panel', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('shows the friendly message and every error message as an alert', async () => {
        const element = createElement('c-error-panel', { is: ErrorPanel });
        element.friendlyMessage = 'The plan could not be loaded.';
        element.errors = [{ body: { message: 'No access' } }, new Error('Timeout')];
        document.body.appendChild(element);
        await Promise.resolve();

        const alert = element.shadowRoot.querySelector('[role="alert"]');
        expect(alert.textContent).toContain('The plan could not be loaded.');
        const items = [...element.shadowRoot.querySelectorAll('li')].map((li) => li.textContent);
        expect(items).toEqual(['No access', 'Timeout']);
        await expect(element).toBeAccessible();
    });

    it('shows only the friendly message without details', async () => {
        const element = createElement('c-error-panel', { is: ErrorPanel });
        document.body.appendChild(element);
        await Promise.resolve();

        expect(element.shadowRoot.querySelector('h2').textContent).toBe('Something went wrong.');
        expect(element.shadowRoot.querySelector('ul')).toBeNull();
        expect(element.shadowRoot.querySelector('lightning-icon').alternativeText).toBe('Error');
        await expect(element).toBeAccessible();
    });
});
