/** The account territory card's strings: Custom Labels of the package (labels/CustomLabels). */
import TITLE from '@salesforce/label/c.Card_Title';
import LOADING from '@salesforce/label/c.Card_Loading';
import LOAD_ERROR from '@salesforce/label/c.Card_Load_Error';
import NO_TERRITORY_TITLE from '@salesforce/label/c.Card_No_Territory_Title';
import NO_TERRITORY_BODY from '@salesforce/label/c.Card_No_Territory_Body';
import MODEL from '@salesforce/label/c.Card_Model';
import REPS from '@salesforce/label/c.Card_Reps';
import ROLE_MEMBER from '@salesforce/label/c.Card_Role_Member';
import KM_FROM_HOME from '@salesforce/label/c.Card_Km_From_Home';
import NO_HOME from '@salesforce/label/c.Card_No_Home';
import NO_REPS from '@salesforce/label/c.Card_No_Reps';
import MAP_LABEL from '@salesforce/label/c.Card_Map_Label';
import FIGURES from '@salesforce/label/c.Card_Figures';
import MEASURE from '@salesforce/label/c.Card_Measure';
import TERRITORY from '@salesforce/label/c.Card_Territory';
import TARGET from '@salesforce/label/c.Card_Target';
import DEVIATION from '@salesforce/label/c.Card_Deviation';
import WHY_HERE from '@salesforce/label/c.Card_Why_Here';
import REASON_LOCKED from '@salesforce/label/c.Card_Reason_Locked';
import REASON_NEAREST_OWN from '@salesforce/label/c.Card_Reason_Nearest_Own';
import REASON_NEAREST_OTHER from '@salesforce/label/c.Card_Reason_Nearest_Other';
import REASON_SEGMENT_MATCH from '@salesforce/label/c.Card_Reason_Segment_Match';
import REASON_SEGMENT_DIFFERS from '@salesforce/label/c.Card_Reason_Segment_Differs';
import REASON_OTHER_ONE from '@salesforce/label/c.Card_Reason_Other_One';
import REASON_OTHER_MANY from '@salesforce/label/c.Card_Reason_Other_Many';

export default {
    TITLE,
    LOADING,
    LOAD_ERROR,
    NO_TERRITORY_TITLE,
    NO_TERRITORY_BODY,
    MODEL,
    REPS,
    ROLE_MEMBER,
    KM_FROM_HOME,
    NO_HOME,
    NO_REPS,
    MAP_LABEL,
    FIGURES,
    MEASURE,
    TERRITORY,
    TARGET,
    DEVIATION,
    WHY_HERE,
    REASON_LOCKED,
    REASON_NEAREST_OWN,
    REASON_NEAREST_OTHER,
    REASON_SEGMENT_MATCH,
    REASON_SEGMENT_DIFFERS,
    REASON_OTHER_ONE,
    REASON_OTHER_MANY
};
