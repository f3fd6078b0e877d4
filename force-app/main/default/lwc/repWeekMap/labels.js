/** The rep's week strings: Custom Labels of the package (labels/CustomLabels). */
import HEADING from '@salesforce/label/c.Week_Heading';
import REP from '@salesforce/label/c.Week_Rep';
import NO_REP from '@salesforce/label/c.Week_No_Rep';
import LOADING from '@salesforce/label/c.Week_Loading';
import LOAD_ERROR from '@salesforce/label/c.Week_Load_Error';
import PLANNING from '@salesforce/label/c.Week_Planning';
import PLANNING_PROGRESS from '@salesforce/label/c.Week_Planning_Progress';
import QUEUED from '@salesforce/label/c.Week_Queued';
import FAILED from '@salesforce/label/c.Week_Failed';
import NO_REASON from '@salesforce/label/c.Week_No_Reason';
import THIS_REP from '@salesforce/label/c.Week_This_Rep';
import UNAVAILABLE from '@salesforce/label/c.Week_Unavailable';
import TRY_AGAIN from '@salesforce/label/c.Week_Try_Again';
import NO_PLAN from '@salesforce/label/c.Week_No_Plan';
import NO_PLAN_CAN from '@salesforce/label/c.Week_No_Plan_Can';
import NO_PLAN_ASK from '@salesforce/label/c.Week_No_Plan_Ask';
import PLAN from '@salesforce/label/c.Week_Plan';
import PLAN_AGAIN from '@salesforce/label/c.Week_Plan_Again';
import PLAN_TITLE from '@salesforce/label/c.Week_Plan_Title';
import DAYS_GROUP from '@salesforce/label/c.Week_Days_Group';
import ALL_DAYS from '@salesforce/label/c.Week_All_Days';
import STOPS_ON from '@salesforce/label/c.Week_Stops_On';
import NOT_SCHEDULED from '@salesforce/label/c.Week_Not_Scheduled';
import SHOW_ALL from '@salesforce/label/c.Week_Show_All';
import SHOW_FEWER from '@salesforce/label/c.Week_Show_Fewer';
import CURRENT_STOP from '@salesforce/label/c.Week_Current_Stop';
import CURRENT_UNSCHEDULED from '@salesforce/label/c.Week_Current_Unscheduled';
import CURRENT_NONE from '@salesforce/label/c.Week_Current_None';
import MAP_LABEL from '@salesforce/label/c.Week_Map_Label';
import MAP_ERROR from '@salesforce/label/c.Week_Map_Error';
import LEAFLET_ERROR from '@salesforce/label/c.Week_Leaflet_Error';
import BASE_MAP_ERROR from '@salesforce/label/c.Week_Base_Map_Error';
import HOME from '@salesforce/label/c.Week_Home';
import STOP_TITLE from '@salesforce/label/c.Week_Stop_Title';
import SUN from '@salesforce/label/c.Week_Sun';
import MON from '@salesforce/label/c.Week_Mon';
import TUE from '@salesforce/label/c.Week_Tue';
import WED from '@salesforce/label/c.Week_Wed';
import THU from '@salesforce/label/c.Week_Thu';
import FRI from '@salesforce/label/c.Week_Fri';
import SAT from '@salesforce/label/c.Week_Sat';
import DAY_DATE from '@salesforce/label/c.Week_Day_Date';
import DAY_N from '@salesforce/label/c.Week_Day_N';
import HOURS_MINUTES from '@salesforce/label/c.Week_Hours_Minutes';
import MINUTES from '@salesforce/label/c.Week_Minutes';
import KM from '@salesforce/label/c.Week_Km';
import VISIT_ONE from '@salesforce/label/c.Week_Visit_One';
import VISIT_MANY from '@salesforce/label/c.Week_Visit_Many';
import NO_VISITS from '@salesforce/label/c.Week_No_Visits';
import DAY_ARIA from '@salesforce/label/c.Week_Day_Aria';
import SCHEDULED from '@salesforce/label/c.Week_Scheduled';
import DRIVING from '@salesforce/label/c.Week_Driving';

export default {
    HEADING,
    REP,
    NO_REP,
    LOADING,
    LOAD_ERROR,
    PLANNING,
    PLANNING_PROGRESS,
    QUEUED,
    FAILED,
    NO_REASON,
    THIS_REP,
    UNAVAILABLE,
    TRY_AGAIN,
    NO_PLAN,
    NO_PLAN_CAN,
    NO_PLAN_ASK,
    PLAN,
    PLAN_AGAIN,
    PLAN_TITLE,
    DAYS_GROUP,
    ALL_DAYS,
    STOPS_ON,
    NOT_SCHEDULED,
    SHOW_ALL,
    SHOW_FEWER,
    CURRENT_STOP,
    CURRENT_UNSCHEDULED,
    CURRENT_NONE,
    MAP_LABEL,
    MAP_ERROR,
    LEAFLET_ERROR,
    BASE_MAP_ERROR,
    HOME,
    STOP_TITLE,
    SUN,
    MON,
    TUE,
    WED,
    THU,
    FRI,
    SAT,
    DAY_DATE,
    DAY_N,
    HOURS_MINUTES,
    MINUTES,
    KM,
    VISIT_ONE,
    VISIT_MANY,
    NO_VISITS,
    DAY_ARIA,
    SCHEDULED,
    DRIVING
};
