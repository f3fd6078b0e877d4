/** The rollout components' strings: Custom Labels of the package (labels/CustomLabels). */
import TITLE from '@salesforce/label/c.Rollout_Title';
import FOR from '@salesforce/label/c.Rollout_For';
import REP from '@salesforce/label/c.Rollout_Rep';
import SCENARIO_EFFECTIVE from '@salesforce/label/c.Rollout_Scenario_Effective';
import MEASURE from '@salesforce/label/c.Rollout_Measure';
import BEFORE from '@salesforce/label/c.Rollout_Before';
import AFTER from '@salesforce/label/c.Rollout_After';
import CHANGE from '@salesforce/label/c.Rollout_Change';
import ACCOUNTS from '@salesforce/label/c.Rollout_Accounts';
import POTENTIAL from '@salesforce/label/c.Rollout_Potential';
import WORKLOAD from '@salesforce/label/c.Rollout_Workload';
import TRAVEL from '@salesforce/label/c.Rollout_Travel';
import GAINED from '@salesforce/label/c.Rollout_Gained';
import LOST from '@salesforce/label/c.Rollout_Lost';
import ACCOUNT from '@salesforce/label/c.Rollout_Account';
import FROM from '@salesforce/label/c.Rollout_From';
import TO from '@salesforce/label/c.Rollout_To';
import NO_TERRITORY from '@salesforce/label/c.Rollout_No_Territory';
import HIDDEN_ACCOUNT from '@salesforce/label/c.Rollout_Hidden_Account';
import NONE_LISTED from '@salesforce/label/c.Rollout_None_Listed';
import EXPORT from '@salesforce/label/c.Rollout_Export';
import NOTHING from '@salesforce/label/c.Rollout_Nothing';
import NO_REPS from '@salesforce/label/c.Rollout_No_Reps';
import TRUNCATED from '@salesforce/label/c.Rollout_Truncated';
import LOADING from '@salesforce/label/c.Rollout_Loading';
import ERROR from '@salesforce/label/c.Rollout_Error';
import CHOOSE from '@salesforce/label/c.Rollout_Choose';
import PENDING from '@salesforce/label/c.Rollout_Pending';
import APPLIED from '@salesforce/label/c.Rollout_Applied';
import PENDING_ONE from '@salesforce/label/c.Rollout_Pending_One';
import APPLIED_ONE from '@salesforce/label/c.Rollout_Applied_One';
import SHOW from '@salesforce/label/c.Rollout_Show';
import HIDE from '@salesforce/label/c.Rollout_Hide';
import EFFECTIVE_DATE from '@salesforce/label/c.Rollout_Effective_Date';
import EFFECTIVE_HELP from '@salesforce/label/c.Rollout_Effective_Help';
import KM from '@salesforce/label/c.Rollout_Km';

export default {
    TITLE,
    FOR,
    REP,
    SCENARIO_EFFECTIVE,
    MEASURE,
    BEFORE,
    AFTER,
    CHANGE,
    ACCOUNTS,
    POTENTIAL,
    WORKLOAD,
    TRAVEL,
    GAINED,
    LOST,
    ACCOUNT,
    FROM,
    TO,
    NO_TERRITORY,
    HIDDEN_ACCOUNT,
    NONE_LISTED,
    EXPORT,
    NOTHING,
    NO_REPS,
    TRUNCATED,
    LOADING,
    ERROR,
    CHOOSE,
    PENDING,
    APPLIED,
    PENDING_ONE,
    APPLIED_ONE,
    SHOW,
    HIDE,
    EFFECTIVE_DATE,
    EFFECTIVE_HELP,
    KM
};
