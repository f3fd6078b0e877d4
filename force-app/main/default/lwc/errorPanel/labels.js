/** The error panel's strings: Custom Labels of the package (labels/CustomLabels). */
import DEFAULT from '@salesforce/label/c.Error_Default';
import ICON from '@salesforce/label/c.Error_Icon';

export default {
    DEFAULT,
    ICON
};
