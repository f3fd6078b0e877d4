/** The rep's change request strings: Custom Labels of the package (labels/CustomLabels). */
import HEADING from '@salesforce/label/c.Request_Heading';
import LOAD_ERROR from '@salesforce/label/c.Request_Load_Error';
import MOVE_TO from '@salesforce/label/c.Request_Move_To';
import REPLY from '@salesforce/label/c.Request_Reply';
import BUTTON from '@salesforce/label/c.Request_Button';
import FORM from '@salesforce/label/c.Request_Form';
import TERRITORY from '@salesforce/label/c.Request_Territory';
import CHOOSE from '@salesforce/label/c.Request_Choose';
import REASON from '@salesforce/label/c.Request_Reason';
import REASON_HELP from '@salesforce/label/c.Request_Reason_Help';
import SEND from '@salesforce/label/c.Request_Send';
import CANCEL from '@salesforce/label/c.Request_Cancel';
import NEED_TERRITORY from '@salesforce/label/c.Request_Need_Territory';
import NEED_REASON from '@salesforce/label/c.Request_Need_Reason';
import STATUS_OPEN from '@salesforce/label/c.Request_Status_Open';
import STATUS_ACCEPTED from '@salesforce/label/c.Request_Status_Accepted';
import STATUS_DONE from '@salesforce/label/c.Request_Status_Done';
import STATUS_DECLINED from '@salesforce/label/c.Request_Status_Declined';

export default {
    HEADING,
    LOAD_ERROR,
    MOVE_TO,
    REPLY,
    BUTTON,
    FORM,
    TERRITORY,
    CHOOSE,
    REASON,
    REASON_HELP,
    SEND,
    CANCEL,
    NEED_TERRITORY,
    NEED_REASON,
    STATUS_OPEN,
    STATUS_ACCEPTED,
    STATUS_DONE,
    STATUS_DECLINED
};
