/** The Performance dashboard's strings: Custom Labels of the package (labels/CustomLabels). */
import TITLE from '@salesforce/label/c.Performance_Title';
import QUARTER from '@salesforce/label/c.Performance_Quarter';
import SCOPE from '@salesforce/label/c.Performance_Scope';
import TEAM from '@salesforce/label/c.Performance_Team';
import VIEW from '@salesforce/label/c.Performance_View';
import QUARTERLY_REVIEW from '@salesforce/label/c.Performance_Quarterly_Review';
import ANNUAL_DEEP_DIVE from '@salesforce/label/c.Performance_Annual_Deep_Dive';
import SALES from '@salesforce/label/c.Performance_Sales';
import QUOTA from '@salesforce/label/c.Performance_Quota';
import ATTAINMENT from '@salesforce/label/c.Performance_Attainment';
import PIPELINE from '@salesforce/label/c.Performance_Pipeline';
import WIN_RATE from '@salesforce/label/c.Performance_Win_Rate';
import AVERAGE_DEAL from '@salesforce/label/c.Performance_Average_Deal';
import SALES_CYCLE from '@salesforce/label/c.Performance_Sales_Cycle';
import VELOCITY from '@salesforce/label/c.Performance_Velocity';
import ACTIVITY from '@salesforce/label/c.Performance_Activity';
import TASKS from '@salesforce/label/c.Performance_Tasks';
import EVENTS from '@salesforce/label/c.Performance_Events';
import TERRITORY from '@salesforce/label/c.Performance_Territory';
import DEVIATION from '@salesforce/label/c.Performance_Deviation';
import STATUS from '@salesforce/label/c.Performance_Status';
import DAYS from '@salesforce/label/c.Performance_Days';
import PER_MONTH from '@salesforce/label/c.Performance_Per_Month';
import TASKS_EVENTS from '@salesforce/label/c.Performance_Tasks_Events';
import MISSED_QUOTA from '@salesforce/label/c.Performance_Missed_Quota';
import FLAGGED_COUNT from '@salesforce/label/c.Performance_Flagged_Count';
import NONE_FLAGGED from '@salesforce/label/c.Performance_None_Flagged';
import VS_PREVIOUS from '@salesforce/label/c.Performance_Vs_Previous';
import TO_DATE from '@salesforce/label/c.Performance_To_Date';
import TREND_CHART from '@salesforce/label/c.Performance_Trend_Chart';
import ATTAINMENT_CHART from '@salesforce/label/c.Performance_Attainment_Chart';
import DRIFT_CHART from '@salesforce/label/c.Performance_Drift_Chart';
import TREND_SUMMARY from '@salesforce/label/c.Performance_Trend_Summary';
import ATTAINMENT_SUMMARY from '@salesforce/label/c.Performance_Attainment_Summary';
import DRIFT_SUMMARY from '@salesforce/label/c.Performance_Drift_Summary';
import DRIFT_SINGLE from '@salesforce/label/c.Performance_Drift_Single';
import DRIFT_UNKNOWN from '@salesforce/label/c.Performance_Drift_Unknown';
import PROPOSAL from '@salesforce/label/c.Performance_Proposal';
import OPEN_PROPOSAL from '@salesforce/label/c.Performance_Open_Proposal';
import NO_PROPOSAL from '@salesforce/label/c.Performance_No_Proposal';
import EMPTY_TITLE from '@salesforce/label/c.Performance_Empty_Title';
import EMPTY from '@salesforce/label/c.Performance_Empty';
import LOAD_ERROR from '@salesforce/label/c.Performance_Load_Error';
import CHART_ERROR from '@salesforce/label/c.Performance_Chart_Error';
import LOADING from '@salesforce/label/c.Performance_Loading';
import SORT_BY from '@salesforce/label/c.Performance_Sort_By';
import TRUNCATED from '@salesforce/label/c.Performance_Truncated';

export default {
    TITLE,
    QUARTER,
    SCOPE,
    TEAM,
    VIEW,
    QUARTERLY_REVIEW,
    ANNUAL_DEEP_DIVE,
    SALES,
    QUOTA,
    ATTAINMENT,
    PIPELINE,
    WIN_RATE,
    AVERAGE_DEAL,
    SALES_CYCLE,
    VELOCITY,
    ACTIVITY,
    TASKS,
    EVENTS,
    TERRITORY,
    DEVIATION,
    STATUS,
    DAYS,
    PER_MONTH,
    TASKS_EVENTS,
    MISSED_QUOTA,
    FLAGGED_COUNT,
    NONE_FLAGGED,
    VS_PREVIOUS,
    TO_DATE,
    TREND_CHART,
    ATTAINMENT_CHART,
    DRIFT_CHART,
    TREND_SUMMARY,
    ATTAINMENT_SUMMARY,
    DRIFT_SUMMARY,
    DRIFT_SINGLE,
    DRIFT_UNKNOWN,
    PROPOSAL,
    OPEN_PROPOSAL,
    NO_PROPOSAL,
    EMPTY_TITLE,
    EMPTY,
    LOAD_ERROR,
    CHART_ERROR,
    LOADING,
    SORT_BY,
    TRUNCATED
};
