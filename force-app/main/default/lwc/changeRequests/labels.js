/** The planner's change request strings: Custom Labels of the package (labels/CustomLabels). */
import HEADING from '@salesforce/label/c.Requests_Heading';
import LOAD_ERROR from '@salesforce/label/c.Requests_Load_Error';
import EMPTY from '@salesforce/label/c.Requests_Empty';
import REQUEST_TITLE from '@salesforce/label/c.Requests_Request_Title';
import ASKED_BY from '@salesforce/label/c.Requests_Asked_By';
import ACCEPT from '@salesforce/label/c.Requests_Accept';
import ACCEPT_TITLE from '@salesforce/label/c.Requests_Accept_Title';
import DECLINE from '@salesforce/label/c.Requests_Decline';
import DECLINE_TITLE from '@salesforce/label/c.Requests_Decline_Title';
import REPLY_LABEL from '@salesforce/label/c.Requests_Reply_Label';
import SEND_DECLINE from '@salesforce/label/c.Requests_Send_Decline';
import CANCEL from '@salesforce/label/c.Requests_Cancel';
import NEED_REPLY from '@salesforce/label/c.Requests_Need_Reply';
import DECIDED from '@salesforce/label/c.Requests_Decided';
import REPLY from '@salesforce/label/c.Requests_Reply';
import STATUS_OPEN from '@salesforce/label/c.Requests_Status_Open';
import STATUS_DECLINED from '@salesforce/label/c.Requests_Status_Declined';
import STATUS_ACCEPTED from '@salesforce/label/c.Requests_Status_Accepted';
import STATUS_HONOURED from '@salesforce/label/c.Requests_Status_Honoured';

export default {
    HEADING,
    LOAD_ERROR,
    EMPTY,
    REQUEST_TITLE,
    ASKED_BY,
    ACCEPT,
    ACCEPT_TITLE,
    DECLINE,
    DECLINE_TITLE,
    REPLY_LABEL,
    SEND_DECLINE,
    CANCEL,
    NEED_REPLY,
    DECIDED,
    REPLY,
    STATUS_OPEN,
    STATUS_DECLINED,
    STATUS_ACCEPTED,
    STATUS_HONOURED
};
