// jest mock of lightning/confirm: LightningConfirm.open() resolves to what the test chose
// (true = OK, false = Cancel) and records the dialog options it was given.
import { LightningElement } from 'lwc';

export default class LightningConfirm extends LightningElement {
    static open = jest.fn().mockResolvedValue(true);
}
