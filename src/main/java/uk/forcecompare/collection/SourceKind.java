package uk.forcecompare.collection;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of source file a collection may declare (contract section 2). */
public enum SourceKind {
    ONS_POPULATION("ons-population"),
    POLICE_UK_999("police-uk-999"),
    HOME_OFFICE_STOP_SEARCH("home-office-stop-search"),
    HOME_OFFICE_WORKFORCE("home-office-workforce"),
    HOME_OFFICE_FUNDING("home-office-funding"),
    POLICE_UK_RECORDS("police-uk-records"),
    FORCE_RETURN("force-return");

    private final String id;

    SourceKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<SourceKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(SourceKind::id).toList());
    }
}
