import { createElement } from 'lwc';
import PerformanceFigure from 'c/performanceFigure';

function createFigure(props) {
    const element = createElement('c-performance-figure', { is: PerformanceFigure });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

describe('c-performance-figure', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('shows a dash for a missing value', async () => {
        const element = createFigure({ value: null, kind: 'currency' });
        expect(element.shadowRoot.textContent).toBe('—');
        expect(element.shadowRoot.querySelector('lightning-formatted-number')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows money in the user currency without cents', async () => {
        const element = createFigure({ value: 1234.5, kind: 'currency' });
        const number = element.shadowRoot.querySelector('lightning-formatted-number');
        expect(number.value).toBe(1234.5);
        expect(number.formatStyle).toBe('currency');
        expect(number.currencyCode).toBe('USD');
        expect(number.maximumFractionDigits).toBe('0');
        await expect(element).toBeAccessible();
    });

    it('shows a ratio as a percentage and a number with its digits', async () => {
        const percent = createFigure({ value: 0.25, kind: 'percent' });
        expect(percent.shadowRoot.querySelector('lightning-formatted-number').formatStyle).toBe(
            'percent'
        );
        const days = createFigure({ value: 41.25, kind: 'number', digits: 1 });
        const number = days.shadowRoot.querySelector('lightning-formatted-number');
        expect(number.formatStyle).toBeUndefined();
        expect(number.maximumFractionDigits).toBe(1);
        await expect(days).toBeAccessible();
    });
});
