package uk.forcecompare.sources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measure codes sources produce and indicators are built from. Force-return codes are the contract's;
 * the others name what a published table's column holds.
 */
public final class Measures {

    private Measures() {
    }

    // published tables
    public static final String POPULATION = "POPULATION";
    public static final String CALLS_999_TOTAL = "CALLS_999_TOTAL";
    public static final String CALLS_999_UNDER_10S = "CALLS_999_ANSWERED_UNDER_10S";
    /** Searches under section 1 of PACE and associated legislation (incl. s23 Misuse of Drugs Act). */
    public static final String STOP_SEARCH_S1_SEARCHES = "STOP_SEARCH_S1_SEARCHES";
    public static final String STOP_SEARCH_S1_ARRESTS = "STOP_SEARCH_S1_ARRESTS";
    public static final String OFFICER_FTE = "OFFICER_FTE";
    /** From the Home Office funding table, converted from GBP million to GBP. */
    public static final String HO_FUNDING_TOTAL_GBP = "HO_FUNDING_TOTAL_GBP";
    public static final String HO_FUNDING_PRECEPT_GBP = "HO_FUNDING_PRECEPT_GBP";
    // data.police.uk record-level counts
    public static final String RECORDS_ASB_INCIDENTS = "RECORDS_ASB_INCIDENTS";
    public static final String RECORDS_CRIMES = "RECORDS_CRIMES";
    public static final String RECORDS_STOP_SEARCHES = "RECORDS_STOP_SEARCHES";
    public static final String RECORDS_STOP_SEARCH_FINDS = "RECORDS_STOP_SEARCH_FINDS";

    /**
     * One per force-return workbook read (value 1, at the cover's force cell), so that later stages can tell forces
     * with no return, or two, from forces whose return left values blank. Dimensions:
     * {@code collection=<cover id>|collection-cell=Cover!B5|period-cells=Cover!B6:B7}.
     */
    public static final String RETURN_SUBMITTED = "RETURN_SUBMITTED";
    /** The dimension of {@link #RETURN_SUBMITTED} that says where the cover gives the return's period. */
    public static final String PERIOD_CELLS = "period-cells";

    /** The force data-return measure codes and what each asks the force for, in template order. */
    public static final Map<String, String> FORCE_RETURN;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ASB_INCIDENTS", "Antisocial behaviour incidents recorded in the period");
        m.put("ASB_CRIMINAL_BEHAVIOUR_ORDERS", "Criminal Behaviour Orders issued for antisocial behaviour");
        m.put("ASB_COMMUNITY_PROTECTION_NOTICES", "Community Protection Notices issued");
        m.put("ASB_CIVIL_INJUNCTIONS", "Civil injunctions obtained for antisocial behaviour");
        m.put("ASB_S34_DISPERSALS", "Dispersal directions under section 34 of the Anti-social Behaviour, Crime and Policing Act 2014");
        m.put("CALLS_101_RECEIVED", "101 (non-emergency) calls received");
        m.put("CALLS_101_ABANDONED", "101 calls abandoned by the caller before being answered");
        m.put("DVDS_RTA_APPLICATIONS", "Domestic violence disclosure scheme: right to ask applications");
        m.put("DVDS_RTA_DISCLOSURES", "Domestic violence disclosure scheme: right to ask disclosures made");
        m.put("DVDS_RTK_DISCLOSURES", "Domestic violence disclosure scheme: right to know disclosures made");
        m.put("FUNDING_TOTAL_GBP", "Total funding in pounds (government funding plus precept)");
        m.put("FUNDING_PRECEPT_GBP", "Council tax precept in pounds");
        FORCE_RETURN = java.util.Collections.unmodifiableMap(m);
    }

    private static final Map<String, String> IN_WORDS = Map.ofEntries(
            Map.entry(POPULATION, "population"),
            Map.entry(CALLS_999_TOTAL, "999 calls"),
            Map.entry(CALLS_999_UNDER_10S, "999 calls answered in under 10 seconds"),
            Map.entry(STOP_SEARCH_S1_SEARCHES, "section 1 stop and searches"),
            Map.entry(STOP_SEARCH_S1_ARRESTS, "arrests from section 1 stop and searches"),
            Map.entry(OFFICER_FTE, "police officers (FTE)"),
            Map.entry(HO_FUNDING_TOTAL_GBP, "total funding"),
            Map.entry(HO_FUNDING_PRECEPT_GBP, "precept funding"),
            Map.entry(RECORDS_ASB_INCIDENTS, "antisocial behaviour incidents"),
            Map.entry(RECORDS_CRIMES, "street-level crimes"),
            Map.entry(RECORDS_STOP_SEARCHES, "stop and searches"),
            Map.entry(RECORDS_STOP_SEARCH_FINDS, "stop and searches that found the object of the search"),
            Map.entry("ASB_INCIDENTS", "antisocial behaviour incidents"),
            Map.entry("ASB_CRIMINAL_BEHAVIOUR_ORDERS", "criminal behaviour orders"),
            Map.entry("ASB_COMMUNITY_PROTECTION_NOTICES", "community protection notices"),
            Map.entry("ASB_CIVIL_INJUNCTIONS", "civil injunctions"),
            Map.entry("ASB_S34_DISPERSALS", "section 34 dispersals"),
            Map.entry("CALLS_101_RECEIVED", "101 calls received"),
            Map.entry("CALLS_101_ABANDONED", "101 calls abandoned"),
            Map.entry("DVDS_RTA_APPLICATIONS", "right to ask applications"),
            Map.entry("DVDS_RTA_DISCLOSURES", "right to ask disclosures"),
            Map.entry("DVDS_RTK_DISCLOSURES", "right to know disclosures"),
            Map.entry("FUNDING_TOTAL_GBP", "total funding"),
            Map.entry("FUNDING_PRECEPT_GBP", "precept funding"));

    private static final java.util.regex.Pattern CODE_SHAPED = java.util.regex.Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

    /**
     * Every measure-code-shaped word of a text, in order, known or not ("CALLS_101_ABANDONED", a mistyped "ASB_INCIDENT"):
     * a finding's message names the measure it concerns (contract 5), and the readers that come after find it so.
     */
    public static java.util.List<String> codesIn(String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = CODE_SHAPED.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    /** Every measure a source gives, for indicators to be built from: published tables', records' and returns'. */
    public static java.util.Set<String> known() {
        return KNOWN;
    }

    private static final java.util.Set<String> KNOWN = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(IN_WORDS.keySet()));

    /**
     * A measure as a chart's reader would name it, e.g. "101 calls abandoned": footnotes and sentences are read
     * by people who never see a measure code (the validation log keeps the code).
     */
    public static String inWords(String measure) {
        return IN_WORDS.getOrDefault(measure, measure);
    }

    /**
     * The measures a file of the kind gives: what is missing when an error keeps the whole file out, so that a force's
     * missing value can name that file.
     */
    public static java.util.Set<String> of(uk.forcecompare.collection.SourceKind kind) {
        return switch (kind) {
            case ONS_POPULATION -> java.util.Set.of(POPULATION);
            case POLICE_UK_999 -> java.util.Set.of(CALLS_999_TOTAL, CALLS_999_UNDER_10S);
            case HOME_OFFICE_STOP_SEARCH -> java.util.Set.of(STOP_SEARCH_S1_SEARCHES, STOP_SEARCH_S1_ARRESTS);
            case HOME_OFFICE_WORKFORCE -> java.util.Set.of(OFFICER_FTE);
            case HOME_OFFICE_FUNDING -> java.util.Set.of(HO_FUNDING_TOTAL_GBP, HO_FUNDING_PRECEPT_GBP);
            case POLICE_UK_RECORDS -> java.util.Set.of(RECORDS_ASB_INCIDENTS, RECORDS_CRIMES, RECORDS_STOP_SEARCHES, RECORDS_STOP_SEARCH_FINDS);
            case FORCE_RETURN -> FORCE_RETURN.keySet();
        };
    }

    /** Whether a force-return measure is in pounds (decimals allowed) rather than a count. */
    public static boolean isMoney(String measure) {
        return measure.endsWith("_GBP");
    }
}
