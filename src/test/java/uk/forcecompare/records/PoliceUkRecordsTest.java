package uk.forcecompare.records;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.forcecompare.sources.Measures.RECORDS_ASB_INCIDENTS;
import static uk.forcecompare.sources.Measures.RECORDS_CRIMES;
import static uk.forcecompare.sources.Measures.RECORDS_STOP_SEARCHES;
import static uk.forcecompare.sources.Measures.RECORDS_STOP_SEARCH_FINDS;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.forcecompare.collection.Period;
import uk.forcecompare.records.bench.GenerateRecords;
import uk.forcecompare.reference.ForceDirectory;
import uk.forcecompare.sources.Observation;
import uk.forcecompare.sources.ReadSummary;
import uk.forcecompare.validation.Finding;
import uk.forcecompare.validation.Rule;
import uk.forcecompare.validation.Severity;

class PoliceUkRecordsTest {

    static final String STREET = GenerateRecords.STREET_HEADER;
    static final String KENT = "E23000032";
    static final String NORFOLK = "E23000024";

    static final ForceDirectory FORCES = ForceDirectory.load(Path.of("data/reference"));
    final PoliceUkRecords reader = new PoliceUkRecords(FORCES);

    @TempDir
    Path dir;

    static String asb(String month, String falls) {
        return "," + month + "," + falls + "," + falls + ",0.521,51.27,On or near High Street,E01024000,Maidstone 001A,Anti-social behaviour,,";
    }

    static String crime(String month, String falls, String type) {
        return "abc123," + month + "," + falls + "," + falls + ",0.521,51.27,On or near Station Road,E01024000,Maidstone 001A,"
                + type + ",Under investigation,";
    }

    Path write(String relative, String text) throws IOException {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String relative, byte[] bytes) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    ReadSummary read(Path p, Capture c) {
        return reader.read(Capture.sourceFile(dir, p), c);
    }

    @Test
    void streetRowsCountAsAsbOrCrimeForTheFileMonthAndSlugForce() throws IOException {
        Path p = write("2024-01/2024-01-kent-street.csv", String.join("\n", STREET,
                asb("2024-01", "Kent Police"), asb("2024-01", "Kent Police"), asb("2024-01", "Kent Police"),
                crime("2024-01", "Kent Police", "Burglary"), crime("2024-01", "Kent Police", "Violence and sexual offences"),
                crime("2024-01", "Kent Police", "Other theft"), crime("2024-01", "Kent Police", "Drugs")) + "\n");
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s).isEqualTo(new ReadSummary("2024-01/2024-01-kent-street.csv", "police-uk-records", 7, 2, true));
        assertThat(c.observations).containsExactly(
                Observation.of(KENT, RECORDS_ASB_INCIDENTS, Period.month(YearMonth.of(2024, 1)), "", java.math.BigDecimal.valueOf(3),
                        "2024-01/2024-01-kent-street.csv", ""),
                Observation.of(KENT, RECORDS_CRIMES, Period.month(YearMonth.of(2024, 1)), "", java.math.BigDecimal.valueOf(4),
                        "2024-01/2024-01-kent-street.csv", ""));
        assertThat(c.findings).isEmpty();
        assertThat(c.quarantine).isEmpty();
    }

    @Test
    void bomCrlfAndNoFinalLineEnd() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.write(String.join("\r\n", STREET, asb("2024-02", "Kent Police"), crime("2024-02", "Kent Police", "Robbery"),
                "", crime("2024-02", "Kent Police", "Shoplifting")).getBytes(StandardCharsets.UTF_8));
        Path p = write("2024-02-kent-street.csv", b.toByteArray());
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s.rowsRead()).isEqualTo(3); // the blank line is not a row
        assertThat(c.value(RECORDS_ASB_INCIDENTS)).isEqualTo(1);
        assertThat(c.value(RECORDS_CRIMES)).isEqualTo(2);
        assertThat(c.findings).isEmpty();
    }

    @Test
    void quotedCommasAndQuotesInLocationsAndLsoaNames() throws IOException {
        String quoted = ",2024-01,Kent Police,Kent Police,0.5,51.2,\"On or near Mill Lane, Upper\",E01000001,\"Bristol, City of 001A\","
                + "Anti-social behaviour,,";
        String quotes = "x,2024-01,Kent Police,Kent Police,0.5,51.2,\"On or near \"\"The Crescent\"\"\",E01000001,Maidstone 002B,"
                + "\"Criminal damage and arson\",\"Investigation complete; no suspect identified\",";
        String apostrophe = "y,2024-01,Kent Police,Kent Police,0.5,51.2,On or near Smith's Road,E01000001,King's Lynn 003C,Burglary,,";
        Path p = write("2024-01-kent-street.csv", String.join("\n", STREET, quoted, quotes, apostrophe) + "\n");
        Capture c = new Capture();
        read(p, c);

        assertThat(c.value(RECORDS_ASB_INCIDENTS)).isEqualTo(1);
        assertThat(c.value(RECORDS_CRIMES)).isEqualTo(2);
        assertThat(c.findings).isEmpty();
    }

    @Test
    void antiSocialBehaviourIsMatchedTrimmedAndInAnyCaseEveryOtherTypeIsACrime() throws IOException {
        Path p = write("2024-01-kent-street.csv", String.join("\n", STREET,
                asb("2024-01", "Kent Police"),
                asb("2024-01", "Kent Police").replace("Anti-social behaviour", "anti-social behaviour"),
                asb("2024-01", "Kent Police").replace("Anti-social behaviour", "Anti-social behaviour "),
                asb("2024-01", "Kent Police").replace("Anti-social behaviour", " ANTI-SOCIAL  BEHAVIOUR\t"),
                asb("2024-01", "Kent Police").replace("Anti-social behaviour", "\"Anti-social behaviour \""),
                crime("2024-01", "Kent Police", "Anti social behaviour"),   // no hyphen: another type
                crime("2024-01", "Kent Police", "Anti-social behaviour order breach"),
                crime("2024-01", "Kent Police", "Other crime")) + "\n");
        Capture c = new Capture();
        read(p, c);

        assertThat(c.value(RECORDS_ASB_INCIDENTS)).isEqualTo(5);
        assertThat(c.value(RECORDS_CRIMES)).isEqualTo(3);
        assertThat(c.findings).isEmpty();
    }

    @Test
    void brokenRowsAreFindingsWithTheirLineQuarantinedAndNotCounted() throws IOException {
        String tooFew = ",2024-01,Kent Police,Kent Police,0.5,51.2,On or near X,E01000001,Maidstone 001A,Anti-social behaviour,";
        String unterminated = ",2024-01,Kent Police,Kent Police,0.5,51.2,\"On or near X,E01000001,Maidstone 001A,Anti-social behaviour,,";
        String noType = "z,2024-01,Kent Police,Kent Police,0.5,51.2,On or near X,E01000001,Maidstone 001A,,Under investigation,";
        Path p = write("2024-01-kent-street.csv", String.join("\n", STREET,
                asb("2024-01", "Kent Police"),            // line 2
                tooFew,                                   // line 3
                crime("2024-01", "Kent Police", "Drugs"), // line 4
                unterminated,                             // line 5
                asb("2024-01", "Kent Police"),            // line 6
                noType,                                   // line 7
                crime("2024-01", "Kent Police", "Drugs")) // line 8
                + "\n");
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s.rowsRead()).isEqualTo(7);
        assertThat(s.readable()).isTrue();
        assertThat(c.value(RECORDS_ASB_INCIDENTS)).isEqualTo(2);
        assertThat(c.value(RECORDS_CRIMES)).isEqualTo(2);
        List<Finding> f = c.findings(Rule.RECORDS_ROW_NOT_COUNTED);
        assertThat(f).extracting(Finding::location).containsExactly("line 3", "line 5", "line 7");
        // a warning: the row is left out and the rest counted, so no value is removed (an error would say one was)
        assertThat(f).allSatisfy(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.forceCode()).isEqualTo(KENT);
            assertThat(x.sourceFile()).isEqualTo("2024-01-kent-street.csv");
        });
        assertThat(f.get(0).message()).contains("11 fields where the header has 12");
        assertThat(f.get(1).message()).contains("quote");
        assertThat(f.get(2).message()).contains("no crime type");
        assertThat(c.quarantine).extracting(Capture.Quarantined::raw).containsExactly(tooFew, unterminated, noType);
        assertThat(c.quarantine).extracting(Capture.Quarantined::location).containsExactly("line 3", "line 5", "line 7");
        assertThat(c.findings).hasSize(3);
    }

    @Test
    void rowFindingsAreCappedWithOneSummary() throws IOException {
        StringBuilder sb = new StringBuilder(STREET).append('\n');
        for (int i = 0; i < 250; i++) sb.append("broken,row\n");
        for (int i = 0; i < 251; i++) sb.append(asb("2024-01", "Kent Police")).append('\n');
        Path p = write("2024-01-kent-street.csv", sb.toString());
        Capture c = new Capture();
        read(p, c);

        assertThat(c.value(RECORDS_ASB_INCIDENTS)).isEqualTo(251);
        assertThat(c.findings).hasSize(RecordFileReader.MAX_ROW_FINDINGS + 1);
        assertThat(c.findings.get(c.findings.size() - 1).message()).contains("250 malformed row(s)");
        assertThat(c.quarantine).hasSize(250);
    }

    @Test
    void aFileCutShortPartWayThroughARowGivesNoCounts() throws IOException {
        String cut = ",2024-01,Kent Police,Kent Police,0.5,51.2,\"On or near";
        Path p = write("2024-01-kent-street.csv", String.join("\n", STREET,
                asb("2024-01", "Kent Police"), crime("2024-01", "Kent Police", "Drugs"), cut)); // no line end: cut short
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s.rowsRead()).isEqualTo(3);
        assertThat(s.readable()).isFalse();
        assertThat(c.observations).extracting(Observation::measure).containsExactlyInAnyOrder(RECORDS_ASB_INCIDENTS, RECORDS_CRIMES);
        assertThat(c.observations).allSatisfy(o -> {
            assertThat(o.hasValue()).isFalse();
            assertThat(o.missingReason()).isEqualTo("the file is cut short part-way through a row");
            assertThat(o.location()).isEqualTo("line 4");
        });
        assertThat(c.findings(Rule.FILE_UNREADABLE)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.location()).isEqualTo("line 4");
            assertThat(f.forceCode()).isEqualTo(KENT);
        });
        assertThat(c.findings(Rule.RECORDS_ROW_NOT_COUNTED)).extracting(Finding::location).containsExactly("line 4");

        // the same row with its line end is one broken row in a complete file: the rest is counted
        Path whole = write("2024-02-kent-street.csv", String.join("\n", STREET,
                asb("2024-02", "Kent Police"), crime("2024-02", "Kent Police", "Drugs"), cut.replace("2024-01", "2024-02")) + "\n");
        Capture w = new Capture();
        assertThat(read(whole, w).readable()).isTrue();
        assertThat(w.value(RECORDS_ASB_INCIDENTS)).isEqualTo(1);
        assertThat(w.value(RECORDS_CRIMES)).isEqualTo(1);
        assertThat(w.findings(Rule.FILE_UNREADABLE)).isEmpty();
        // and a complete last row without a line end is not cut short
        Path noEnd = write("2024-03-kent-street.csv", String.join("\n", STREET, asb("2024-03", "Kent Police")));
        Capture n = new Capture();
        read(noEnd, n);
        assertThat(n.value(RECORDS_ASB_INCIDENTS)).isEqualTo(1);
        assertThat(n.findings).isEmpty();
    }

    @Test
    void aFileMostOfWhoseRowsDoNotFitItsHeaderGivesNoCounts() throws IOException {
        // "London, City of" unquoted: 14 fields in every row, so no row is counted, and 0 would have been published
        String row = ",2024-01,London, City of,London, City of,0.5,51.2,On or near X,E01000001,City of London 001A,Burglary,,";
        Path p = write("2024-01-city-of-london-street.csv", String.join("\n", STREET, row, row,
                asb("2024-01", "City of London Police")) + "\n");
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s.readable()).isFalse();
        assertThat(c.observations).hasSize(2).allSatisfy(o -> {
            assertThat(o.hasValue()).isFalse();
            assertThat(o.missingReason()).isEqualTo("2 of its 3 rows do not fit its header");
            assertThat(o.location()).isEqualTo("line 2");
        });
        assertThat(c.findings(Rule.FILE_UNREADABLE)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("City of London (2024-01)").contains("2 of its 3 rows do not fit its header"));
        assertThat(c.findings(Rule.RECORDS_ROW_NOT_COUNTED)).extracting(Finding::location).containsExactly("line 2", "line 3");
    }

    @Test
    void aFileMostOfWhoseRowsAreOfAnotherMonthGivesNoCounts() throws IOException {
        // March's rows saved under February's name: 1 of 3 rows is February's, and 1 would have been published as
        // Kent's February count of ASB
        Path p = write("2024-02-kent-street.csv", String.join("\n", STREET, asb("2024-03", "Kent Police"),
                asb("2024-02", "Kent Police"), crime("2024-03", "Kent Police", "Drugs")) + "\n");
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s.readable()).isFalse();
        assertThat(c.observations).hasSize(2).allSatisfy(o -> {
            assertThat(o.hasValue()).isFalse();
            assertThat(o.missingReason()).isEqualTo("2 of its 3 rows are not rows of 2024-02");
            assertThat(o.location()).isEqualTo("line 2");
        });
        assertThat(c.findings(Rule.FILE_UNREADABLE)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("Kent (2024-02)").contains("2 of its 3 rows are not rows of 2024-02")
                    // contract 5: the message names the measure codes it concerns (and so the indicator they feed)
                    .endsWith("nothing counted from it is used (RECORDS_ASB_INCIDENTS or RECORDS_CRIMES)");
        });
        assertThat(c.findings(Rule.RECORDS_ROW_NOT_COUNTED)).extracting(Finding::location).containsExactly("line 2", "line 4");
    }

    @Test
    void aOneRowFileOfAnotherMonthSaysItsOnlyRow() throws IOException {
        Path p = write("2024-02-kent-street.csv", String.join("\n", STREET, asb("2024-03", "Kent Police")) + "\n");
        Capture c = new Capture();
        read(p, c);

        assertThat(c.observations).hasSize(2).allSatisfy(o -> assertThat(o.missingReason()).isEqualTo("its only row is not a row of 2024-02"));
        assertThat(c.findings(Rule.FILE_UNREADABLE)).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("The data.police.uk street file of Kent (2024-02): its only row is not a row of 2024-02; nothing counted from it is used "
                        + "(RECORDS_ASB_INCIDENTS or RECORDS_CRIMES)"));
    }

    @Test
    void aMonthWithSpacesTabsOrAByteOrderMarkAroundItIsTheMonth() throws IOException {
        // 4 ASB and 2 crimes of January, padded as a file edited by hand pads them; "2024-01x" and " 2024-02 " are not January
        Path p = write("2024-01-kent-street.csv", String.join("\n", STREET,
                asb(" 2024-01 ", "Kent Police"), asb("\t2024-01", "Kent Police"), asb("\uFEFF2024-01\uFEFF ", "Kent Police"),
                asb("\" 2024-01 \"", "Kent Police"), crime("2024-01  ", "Kent Police", "Burglary"),
                crime("2024-01", "Kent Police", "Drugs"), crime("2024-01x", "Kent Police", "Drugs"),
                crime(" 2024-02 ", "Kent Police", "Drugs")) + "\n");
        Capture c = new Capture();
        read(p, c);

        assertThat(c.value(KENT, RECORDS_ASB_INCIDENTS)).isEqualTo(4);
        assertThat(c.value(KENT, RECORDS_CRIMES)).isEqualTo(2);
        assertThat(c.findings(Rule.RECORDS_ROW_NOT_COUNTED)).extracting(Finding::location).containsExactly("line 8", "line 9");
    }

    @Test
    void fallsWithinAnotherForceIsOneWarningPerFileAndRowsStillCount() throws IOException {
        Path p = write("2024-01-norfolk-street.csv", String.join("\n", STREET,
                asb("2024-01", "Norfolk Constabulary"), asb("2024-01", "Suffolk Constabulary"),
                crime("2024-01", "Suffolk Constabulary", "Burglary"), crime("2024-01", "NORFOLK CONSTABULARY", "Drugs"),
                crime("2024-01", "British Transport Police", "Robbery")) + "\n");
        Capture c = new Capture();
        read(p, c);

        assertThat(c.value(NORFOLK, RECORDS_ASB_INCIDENTS)).isEqualTo(2);
        assertThat(c.value(NORFOLK, RECORDS_CRIMES)).isEqualTo(3);
        assertThat(c.findings).hasSize(1);
        Finding w = c.findings.get(0);
        assertThat(w.rule()).isEqualTo(Rule.RECORDS_FALLS_WITHIN_MISMATCH);
        assertThat(w.severity()).isEqualTo(Severity.WARNING);
        assertThat(w.location()).isEqualTo("line 3");
        assertThat(w.message()).isEqualTo("3 street row(s) in the file of Norfolk (2024-01) name in 'Falls within' another force (2) "
                + "or something that is not one of the 43 forces (1) (first on line 3); they are counted for Norfolk, the force of "
                + "the file name");
        assertThat(w.observed()).isEqualTo("Suffolk Constabulary (2); British Transport Police (1)");
        assertThat(w.expected()).isEqualTo("Norfolk");
    }

    @Test
    void fallsWithinNamingNoForceIsNotCalledAnotherForce() throws IOException {
        Path gotham = write("2024-01-suffolk-street.csv", String.join("\n", STREET, asb("2024-01", "Suffolk Constabulary"),
                crime("2024-01", "Gotham City Police", "Burglary"), asb("2024-01", "Gotham City Police")) + "\n");
        Path norfolk = write("2024-01-essex-street.csv", String.join("\n", STREET, asb("2024-01", "Essex Police"),
                crime("2024-01", "Norfolk Constabulary", "Burglary")) + "\n");
        Capture c = new Capture();
        read(gotham, c);
        read(norfolk, c);

        assertThat(c.value("E23000025", RECORDS_ASB_INCIDENTS)).isEqualTo(2);
        assertThat(c.value("E23000025", RECORDS_CRIMES)).isEqualTo(1);
        assertThat(c.findings).extracting(Finding::rule).containsExactly(Rule.RECORDS_FALLS_WITHIN_MISMATCH, Rule.RECORDS_FALLS_WITHIN_MISMATCH);
        assertThat(c.findings.get(0).message()).isEqualTo("2 street row(s) in the file of Suffolk (2024-01) name in 'Falls within' "
                + "something that is not one of the 43 forces (first on line 3); they are counted for Suffolk, the force of the file name");
        assertThat(c.findings.get(0).observed()).isEqualTo("Gotham City Police (2)");
        assertThat(c.findings.get(1).message()).startsWith("1 street row(s) in the file of Essex (2024-01) name another force in "
                + "'Falls within' (first on line 3)");
    }

    @Test
    void btpAndNorthernIrelandFilesAreExcludedWithAnInfoFindingAndNotRead() throws IOException {
        Path btp = write("2024-01/2024-01-btp-street.csv", STREET + "\n" + asb("2024-01", "British Transport Police") + "\n");
        Path psni = write("2024-01/2024-01-northern-ireland-stop-and-search.csv", GenerateRecords.STOP_SEARCH_HEADER + "\n");
        Capture c = new Capture();

        assertThat(read(btp, c)).isEqualTo(new ReadSummary("2024-01/2024-01-btp-street.csv", "police-uk-records", 0, 0, true));
        assertThat(read(psni, c).rowsRead()).isZero();
        assertThat(c.observations).isEmpty();
        assertThat(c.findings).extracting(Finding::rule).containsExactly(Rule.FORCE_NOT_TERRITORIAL, Rule.FORCE_NOT_TERRITORIAL);
        assertThat(c.findings).extracting(Finding::severity).containsOnly(Severity.INFO);
        assertThat(c.findings.get(0).message()).contains("British Transport Police");
        assertThat(c.findings.get(1).message()).contains("Police Service of Northern Ireland");
    }

    @Test
    void unknownSlugIsAnUnrecognisedFileAndAStrangeNameIsStray() throws IOException {
        Path p = write("2024-01-yorkshire-street.csv", STREET + "\n");
        Path q = write("notes-street.csv", STREET + "\n");
        Capture c = new Capture();

        assertThat(read(p, c).readable()).isFalse();
        assertThat(read(q, c).readable()).isFalse();
        assertThat(c.findings).extracting(Finding::rule).containsExactly(Rule.FORCE_UNKNOWN, Rule.FILE_STRAY);
        // contract 4a: an unrecognised file is a warning; it is not read, so nothing of it is removed from a value
        assertThat(c.findings.get(0).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aFileNamedWithAMonthThatIsNoneIsSaidSo() throws IOException {
        Path p = write("misc/2023-13-norfolk-street.csv", STREET + "\n" + asb("2023-12", "Norfolk Constabulary") + "\n");
        Path q = write("2023-00-gotham-stop-and-search.csv", GenerateRecords.STOP_SEARCH_HEADER + "\n");
        Capture c = new Capture();

        assertThat(read(p, c)).isEqualTo(new ReadSummary("misc/2023-13-norfolk-street.csv", "police-uk-records", 0, 0, false));
        assertThat(read(q, c).readable()).isFalse();
        assertThat(c.observations).isEmpty();
        assertThat(c.findings).hasSize(2).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rule.FILE_STRAY);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.expected()).isEqualTo("YYYY-MM with a month from 01 to 12");
        });
        Finding f = c.findings.get(0);
        assertThat(f.message()).isEqualTo("misc/2023-13-norfolk-street.csv is declared as police-uk-records, but the month in its "
                + "name, 2023-13, is not a month; it was not read");
        assertThat(f.observed()).isEqualTo("2023-13");
        assertThat(f.forceCode()).isEqualTo(NORFOLK);
        assertThat(c.findings.get(1).message()).contains("the month in its name, 2023-00, is not a month");
        assertThat(c.findings.get(1).forceCode()).isEmpty();
    }

    @Test
    void aRowOfAnotherMonthIsAWarningAndNotCounted() throws IOException {
        Path p = write("2024-01-kent-street.csv", String.join("\n", STREET, asb("2024-01", "Kent Police"),
                asb("2024-02", "Kent Police"), crime("2024-01", "Kent Police", "Drugs")) + "\n");
        Capture c = new Capture();
        read(p, c);

        assertThat(c.value(RECORDS_ASB_INCIDENTS)).isEqualTo(1);
        assertThat(c.value(RECORDS_CRIMES)).isEqualTo(1);
        assertThat(c.findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.RECORDS_ROW_NOT_COUNTED);
            assertThat(f.location()).isEqualTo("line 3");
            assertThat(f.observed()).isEqualTo("2024-02");
            assertThat(f.expected()).isEqualTo("2024-01");
        });
        assertThat(c.quarantine).hasSize(1);
    }

    @Test
    void stopAndSearchCountsEveryRowAndTheFinds() throws IOException {
        String pre = "Person search,2024-03-01T09:58:14+00:00,False,,52.019256,-0.225046,Male,18-24,"
                + "White - English/Welsh/Scottish/Northern Irish/British,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,"
                + "A no further action disposal,";
        Path p = write("2024-03/2024-03-bedfordshire-stop-and-search.csv", String.join("\r\n", GenerateRecords.STOP_SEARCH_HEADER,
                pre + "True,False", pre + "TRUE,", pre + "true,", pre + "False,False", pre + ",", pre + "Maybe,",
                pre + "\"True\",False") + "\r\n");
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s.rowsRead()).isEqualTo(7);
        assertThat(c.value("E23000026", RECORDS_STOP_SEARCHES)).isEqualTo(7);
        assertThat(c.value("E23000026", RECORDS_STOP_SEARCH_FINDS)).isEqualTo(4);
        assertThat(c.observations).extracting(Observation::period).containsOnly(Period.month(YearMonth.of(2024, 3)));
        assertThat(c.findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.location()).isEqualTo("line 7");
            assertThat(f.observed()).isEqualTo("Maybe");
        });
    }

    @Test
    void aPaddedTrueOrFalseIsReadAsWhatItSays() throws IOException {
        Path p = write("2023-01-norfolk-stop-and-search.csv", String.join("\n", GenerateRecords.STOP_SEARCH_HEADER,
                search("2023-01-05T10:20:00+00:00", " True"), search("2023-01-06T10:20:00+00:00", "\"TRUE \""),
                search("2023-01-07T10:20:00+00:00", " false"), search("2023-01-08T10:20:00+00:00", "Yes"))
                + "\n");
        Capture c = new Capture();
        read(p, c);

        // four searches, two of them finds; only "Yes" is neither True nor False
        assertThat(c.value(NORFOLK, RECORDS_STOP_SEARCHES)).isEqualTo(4);
        assertThat(c.value(NORFOLK, RECORDS_STOP_SEARCH_FINDS)).isEqualTo(2);
        assertThat(c.findings(Rule.VALUE_UNPARSEABLE)).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("line 5");
            assertThat(f.message()).startsWith("1 stop-and-search row(s)");
        });
    }

    static String search(String date, String linked) {
        return "Person search," + date + ",False,,52.6,1.29,Male,18-24,White - English/Welsh/Scottish/Northern Irish/British,White,"
                + "Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal," + linked + ",False";
    }

    @Test
    void stopAndSearchRowsOfAnotherMonthOrWithoutADateAreWarningsAndNotCounted() throws IOException {
        Path p = write("2023-01/2023-01-norfolk-stop-and-search.csv", String.join("\n", GenerateRecords.STOP_SEARCH_HEADER,
                search("2023-01-05T10:20:00+00:00", "True"),   // line 2: counted, a find
                search("2023-02-03T10:00:00+00:00", "True"),   // line 3: February's
                search("2022-12-31T23:30:00+00:00", "False"),  // line 4: December's
                search("", "True"),                            // line 5: no date
                search("yesterday", "True"),                   // line 6: not a date
                search("2023-01-31T23:59:59+01:00", "False"),  // line 7: counted: the month as written
                search("2023-02-30T10:00:00+00:00", "True"),   // line 8: no such day
                search("2023-01-15", "True"),                  // line 9: counted, a find: a date without a time
                // lines 10 to 12: counted, so that most of the file is its month's (a file mostly of other months is
                // unreadable: aFileMostOfWhoseRowsAreOfAnotherMonthGivesNoCounts)
                search("2023-01-20T09:00:00+00:00", "False"), search("2023-01-21T09:00:00+00:00", "False"),
                search("2023-01-22T09:00:00+00:00", "False"))
                + "\n");
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s.rowsRead()).isEqualTo(11);
        assertThat(c.value(NORFOLK, RECORDS_STOP_SEARCHES)).isEqualTo(6);
        assertThat(c.value(NORFOLK, RECORDS_STOP_SEARCH_FINDS)).isEqualTo(2);
        assertThat(c.findings).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rule.RECORDS_ROW_NOT_COUNTED);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.forceCode()).isEqualTo(NORFOLK);
            assertThat(f.expected()).isEqualTo("a date in 2023-01");
            assertThat(f.message()).endsWith("; the row is not counted in RECORDS_STOP_SEARCHES or RECORDS_STOP_SEARCH_FINDS");
        }).extracting(Finding::location).containsExactly("line 3", "line 4", "line 5", "line 6", "line 8");
        assertThat(c.findings.get(0).message()).startsWith("A stop-and-search row of Norfolk (2023-01) has Date "
                + "'2023-02-03T10:00:00+00:00' in the file for 2023-01;");
        assertThat(c.findings.get(0).observed()).isEqualTo("2023-02-03T10:00:00+00:00");
        assertThat(c.findings.get(2).message()).contains("has no Date;");
        assertThat(c.findings.get(3).message()).contains("has Date 'yesterday', which is not a date;");
        assertThat(c.findings.get(4).message()).contains("has Date '2023-02-30T10:00:00+00:00', which is not a date;");
        assertThat(c.quarantine).extracting(Capture.Quarantined::location).containsExactly("line 3", "line 4", "line 5", "line 6", "line 8");
    }

    @Test
    void manyStopAndSearchRowsOfAnotherMonthAreCappedWithOneSummary() throws IOException {
        StringBuilder sb = new StringBuilder(GenerateRecords.STOP_SEARCH_HEADER).append('\n');
        for (int i = 0; i < 150; i++) sb.append(search("2023-02-01T10:00:00+00:00", "True")).append('\n');
        for (int i = 0; i < 100; i++) sb.append(search("", "True")).append('\n');
        // 300 of the month's own: most of the file, so it is counted
        for (int i = 0; i < 300; i++) sb.append(search("2023-01-01T10:00:00+00:00", i < 2 ? "True" : "False")).append('\n');
        Path p = write("2023-01-norfolk-stop-and-search.csv", sb.toString());
        Capture c = new Capture();
        read(p, c);

        assertThat(c.value(NORFOLK, RECORDS_STOP_SEARCHES)).isEqualTo(300);
        assertThat(c.value(NORFOLK, RECORDS_STOP_SEARCH_FINDS)).isEqualTo(2);
        assertThat(c.findings).hasSize(RecordFileReader.MAX_ROW_FINDINGS + 1);
        assertThat(c.findings.get(c.findings.size() - 1).message())
                .contains("has 0 malformed row(s) and 250 row(s) of another month or with no date, none counted");
        assertThat(c.quarantine).hasSize(250);
    }

    @Test
    void outcomesFilesAreCountedWithoutMeasures() throws IOException {
        Path p = write("2024-01-kent-outcomes.csv", String.join("\n", GenerateRecords.OUTCOMES_HEADER,
                "a1,2024-01,Kent Police,Kent Police,0.5,51.2,On or near X,E01000001,Maidstone 001A,Offender given a caution",
                "a2,2024-01,Kent Police,Kent Police,0.5,51.2,On or near X,E01000001,Maidstone 001A,Local resolution") + "\n");
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s).isEqualTo(new ReadSummary("2024-01-kent-outcomes.csv", "police-uk-records", 2, 0, true));
        assertThat(c.observations).isEmpty();
        assertThat(c.findings).isEmpty();
    }

    @Test
    void aMalformedOutcomesRowSaysOutcomesFeedNoIndicator() throws IOException {
        String cut = "a2b3c4d5e6f7,2023-01,Essex Police,Essex Police,1.2,52.1,On or near X,E01,Chelmsford 001A";
        Path p = write("2023-01-essex-outcomes.csv", String.join("\n", GenerateRecords.OUTCOMES_HEADER,
                "a1,2023-01,Essex Police,Essex Police,1.2,52.1,On or near X,E01,Chelmsford 001A,Unable to prosecute suspect",
                "a2b3c4d5e6f7",                                        // line 3: one field
                cut,                                                   // line 4: nine
                "a4,2023-01,Essex Police,Essex Police,1.2,52.1,On or near X,E01,Chelmsford 001A,Local resolution") + "\n");
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s).isEqualTo(new ReadSummary("2023-01-essex-outcomes.csv", "police-uk-records", 4, 0, true));
        assertThat(c.findings(Rule.RECORDS_ROW_NOT_COUNTED)).hasSize(2);
        Finding one = c.findings.get(0);
        assertThat(one.location()).isEqualTo("line 3");
        assertThat(one.message()).isEqualTo("Malformed row in the data.police.uk file of Essex (2023-01): 1 field where the header "
                + "has 10; the row is not counted (outcomes files feed no indicator)");
        assertThat(one.observed()).isEqualTo("1 field");
        assertThat(one.expected()).isEqualTo("10 fields");
        assertThat(c.findings.get(1).observed()).isEqualTo("9 fields");
        assertThat(c.quarantine).extracting(Capture.Quarantined::raw).containsExactly("a2b3c4d5e6f7", cut);
    }

    @Test
    void aStreetFileWithoutItsColumnsOrEmptyIsNotRead() throws IOException {
        Path p = write("2024-01-kent-street.csv", "Crime ID,Month,Reported by\nx,2024-01,Kent Police\n");
        Path e = write("2024-02-kent-street.csv", "");
        Capture c = new Capture();

        assertThat(read(p, c).readable()).isFalse();
        assertThat(read(e, c).readable()).isFalse();
        assertThat(c.observations).isEmpty();
        assertThat(c.findings).extracting(Finding::rule).containsExactly(Rule.COLUMN_MISSING, Rule.FILE_UNREADABLE);
        assertThat(c.findings.get(0).message()).contains("Falls within, Crime type");
    }

    @Test
    void aHeaderBelowTitleRowsIsFoundAndLinesKeepTheirNumbers() throws IOException {
        String tooFew = ",2023-01,Lancashire Constabulary,Lancashire Constabulary,-2.7,53.8,On or near X,E01025000,Preston 001A";
        Path p = write("2023-01-lancashire-street.csv", String.join("\n",
                "data.police.uk street-level crime",                             // line 1
                "\"Lancashire, January 2023\"",                                   // line 2
                "",                                                              // line 3
                STREET,                                                          // line 4
                asb("2023-01", "Lancashire Constabulary"),                       // line 5
                tooFew,                                                          // line 6
                crime("2023-01", "Lancashire Constabulary", "Burglary"),         // line 7
                asb("2023-02", "Lancashire Constabulary")) + "\n");              // line 8
        Capture c = new Capture();
        ReadSummary s = read(p, c);

        assertThat(s.readable()).isTrue();
        assertThat(s.rowsRead()).isEqualTo(4);
        assertThat(c.value(RECORDS_ASB_INCIDENTS)).isEqualTo(1);
        assertThat(c.value(RECORDS_CRIMES)).isEqualTo(1);
        assertThat(c.findings).extracting(Finding::rule).containsOnly(Rule.RECORDS_ROW_NOT_COUNTED);
        assertThat(c.findings).extracting(Finding::location).containsExactly("line 6", "line 8");
        assertThat(c.quarantine).extracting(Capture.Quarantined::raw).containsExactly(tooFew, asb("2023-02", "Lancashire Constabulary"));
    }

    @Test
    void withoutAHeaderInItsFirstTenLinesAFileIsNotReadAndTheNearestLineIsQuotedAsWritten() throws IOException {
        String title = "data.police.uk street-level crime";
        Path noHeader = write("2023-01-lancashire-street.csv", title + "\n" + asb("2023-01", "Lancashire Constabulary") + "\n");
        Path tooDeep = write("2023-02-lancashire-street.csv", (title + "\n").repeat(10) + STREET + "\n"
                + asb("2023-02", "Lancashire Constabulary") + "\n");
        Path lacking = write("2023-03-lancashire-street.csv", title + "\n" + STREET.replace(",Crime type", "") + "\n"
                + "x,2023-03,Lancashire Constabulary,Lancashire Constabulary,-2.7,53.8,On or near X,E01025000,Preston 001A,,\n");
        Capture c = new Capture();

        assertThat(read(noHeader, c).readable()).isFalse();
        assertThat(read(tooDeep, c).readable()).isFalse();
        assertThat(read(lacking, c).readable()).isFalse();
        assertThat(c.observations).isEmpty();
        assertThat(c.findings).hasSize(3).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rule.COLUMN_MISSING);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.forceCode()).isEqualTo("E23000003");
        });
        Finding none = c.findings.get(0);
        assertThat(none.location()).isEqualTo("line 1");
        assertThat(none.observed()).isEqualTo(title);
        assertThat(none.expected()).isEqualTo("Month, Falls within, Crime type");
        assertThat(none.message()).isEqualTo("The data.police.uk street file of Lancashire (2023-01) has no header row naming "
                + "Month, Falls within, Crime type in its first 10 lines; nothing was read from it");
        // the header on line 11 is below where one is looked for
        assertThat(c.findings.get(1).location()).isEqualTo("line 1");
        assertThat(c.findings.get(1).observed()).isEqualTo(title);
        // the header below the title, with one column short, is the line named
        Finding oneShort = c.findings.get(2);
        assertThat(oneShort.location()).isEqualTo("line 2");
        assertThat(oneShort.observed()).isEqualTo(STREET.replace(",Crime type", ""));
        assertThat(oneShort.message()).contains("has no column Crime type; nothing was read from it");
    }

    @Test
    void headerNamesIgnoreCaseAndSpacing() throws IOException {
        String header = "crime id,MONTH,Reported by,Falls  within,Longitude,Latitude,Location,LSOA code,LSOA name,\"Crime\ntype\","
                + "Last outcome category,Context";
        Path p = write("2024-01-kent-street.csv", header + "\n" + asb("2024-01", "Kent Police") + "\n");
        Capture c = new Capture();
        read(p, c);
        assertThat(c.value(RECORDS_ASB_INCIDENTS)).isEqualTo(1);
        assertThat(c.findings).isEmpty();
    }

    @Test
    void aMonthMissingForOneForceLeavesThatForceWithFewerMonthsAndExactCounts() throws IOException {
        List<String[]> two = List.of(GenerateRecords.FORCES[31], GenerateRecords.FORCES[23]); // kent, norfolk
        List<YearMonth> months = List.of(YearMonth.of(2023, 1), YearMonth.of(2023, 2), YearMonth.of(2023, 3));
        var generated = GenerateRecords.generate(dir, 20_000, months, two,
                new GenerateRecords.Options(7, 0.1, 0.3, 0.5, 0.1));
        Files.delete(dir.resolve("2023-02/2023-02-norfolk-street.csv"));
        Capture c = new Capture();
        try (var files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> read(f, c));
        }

        Map<String, Long> norfolkMonths = c.observations.stream()
                .filter(o -> o.forceCode().equals(NORFOLK) && o.measure().equals(RECORDS_ASB_INCIDENTS))
                .collect(Collectors.groupingBy(o -> o.period().text(), Collectors.summingLong(o -> o.value().get().longValueExact())));
        assertThat(norfolkMonths).containsOnlyKeys("2023-01", "2023-03");
        for (GenerateRecords.FileCounts g : generated) {
            if (g.relativePath().equals("2023-02/2023-02-norfolk-street.csv")) continue;
            List<Observation> mine = c.observations.stream().filter(o -> o.sourceFile().equals(g.relativePath())).toList();
            assertThat(mine).hasSize(2);
            Map<String, Long> byMeasure = mine.stream().collect(Collectors.toMap(Observation::measure, o -> o.value().get().longValueExact()));
            if (g.relativePath().endsWith("-street.csv")) {
                assertThat(byMeasure).containsEntry(RECORDS_ASB_INCIDENTS, g.asb()).containsEntry(RECORDS_CRIMES, g.crimes());
            } else {
                assertThat(byMeasure).containsEntry(RECORDS_STOP_SEARCHES, g.searches()).containsEntry(RECORDS_STOP_SEARCH_FINDS, g.finds());
            }
        }
        assertThat(c.findings).isEmpty();
    }

    @Test
    void aFileWithItsHeaderAndNoRowsGivesNoMonthAndAWarning() throws IOException {
        Path street = write("2023-02/2023-02-norfolk-street.csv", STREET + "\n");
        Path search = write("2023-02/2023-02-norfolk-stop-and-search.csv", GenerateRecords.STOP_SEARCH_HEADER + "\r\n\r\n");
        Capture c = new Capture();

        assertThat(read(street, c)).isEqualTo(new ReadSummary("2023-02/2023-02-norfolk-street.csv", "police-uk-records", 0, 0, true));
        assertThat(read(search, c).rowsRead()).isZero(); // a blank line is not a row
        // no count of 0 for the month: a 0 would be summed into Norfolk's range as if it had recorded nothing
        assertThat(c.observations).isEmpty();
        assertThat(c.findings).hasSize(2).allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rule.TABLE_NO_ROWS);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.forceCode()).isEqualTo(NORFOLK);
            assertThat(f.location()).isEqualTo("line 1");
        });
        assertThat(c.findings.get(0).message()).isEqualTo("The data.police.uk street file of Norfolk (2023-02) has its header row "
                + "but no data rows; it gives no RECORDS_ASB_INCIDENTS and RECORDS_CRIMES for 2023-02 and counts as no file, not as 0");
        assertThat(c.findings.get(1).message()).contains("no RECORDS_STOP_SEARCHES and RECORDS_STOP_SEARCH_FINDS for 2023-02");
        assertThat(c.findings.get(0).sourceFile()).isEqualTo("2023-02/2023-02-norfolk-street.csv");
    }

    @Test
    void aHeaderOnlyFileBesideAFullOneDoesNotSayTheMonthIsMissing() throws IOException {
        Path empty = write("2023-02/2023-02-norfolk-street.csv", STREET + "\n");
        Path full = write("extra/2023-02-norfolk-street.csv", String.join("\n", STREET, asb("2023-02", "Norfolk Constabulary"),
                crime("2023-02", "Norfolk Constabulary", "Drugs"), crime("2023-02", "Norfolk Constabulary", "Burglary")) + "\n");
        Capture c = new Capture();
        read(empty, c);
        read(full, c);

        // the month is counted from the other file: the warning is of this file, not of a missing month
        assertThat(c.value(NORFOLK, RECORDS_ASB_INCIDENTS)).isEqualTo(1);
        assertThat(c.value(NORFOLK, RECORDS_CRIMES)).isEqualTo(2);
        assertThat(c.findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(Rule.TABLE_NO_ROWS);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).doesNotContain("missing");
        });
    }

    @Test
    void aHeaderOnlyMonthLeavesThatForceWithoutTheMonth() throws IOException {
        List<String[]> two = List.of(GenerateRecords.FORCES[31], GenerateRecords.FORCES[23]); // kent, norfolk
        List<YearMonth> months = List.of(YearMonth.of(2023, 1), YearMonth.of(2023, 2), YearMonth.of(2023, 3));
        var generated = GenerateRecords.generate(dir, 2_000, months, two, new GenerateRecords.Options(3, 0.1, 0.3, 0.5, 0.1));
        write("2023-02/2023-02-norfolk-street.csv", STREET + "\n");
        write("2023-02/2023-02-norfolk-stop-and-search.csv", GenerateRecords.STOP_SEARCH_HEADER + "\n");
        Capture c = new Capture();
        try (var files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> read(f, c));
        }

        for (String measure : List.of(RECORDS_ASB_INCIDENTS, RECORDS_CRIMES, RECORDS_STOP_SEARCHES, RECORDS_STOP_SEARCH_FINDS)) {
            assertThat(c.observations).filteredOn(o -> o.forceCode().equals(NORFOLK) && o.measure().equals(measure))
                    .extracting(o -> o.period().text()).containsExactlyInAnyOrder("2023-01", "2023-03");
            assertThat(c.observations).filteredOn(o -> o.forceCode().equals(KENT) && o.measure().equals(measure))
                    .extracting(o -> o.period().text()).containsExactlyInAnyOrder("2023-01", "2023-02", "2023-03");
        }
        // 2 forces, 3 months, 2 files each, 2 counts a file; less Norfolk's two header-only files
        assertThat(generated).hasSize(12);
        assertThat(c.observations).hasSize(12 * 2 - 2 * 2);
        assertThat(c.findings).extracting(Finding::rule).containsExactly(Rule.TABLE_NO_ROWS, Rule.TABLE_NO_ROWS);
    }

    @Test
    void recordFileNames() {
        assertThat(PoliceUkRecords.isRecordFile("2024-01-avon-and-somerset-street.csv")).isTrue();
        assertThat(PoliceUkRecords.isRecordFile("2024-01/2024-01-avon-and-somerset-stop-and-search.csv")).isTrue();
        assertThat(PoliceUkRecords.isRecordFile("2024-01-city-of-london-outcomes.csv")).isTrue();
        assertThat(PoliceUkRecords.isRecordFile("2024-01-BTP-Street.CSV")).isTrue();
        assertThat(PoliceUkRecords.isRecordFile("2024-13-kent-street.csv")).isFalse();
        assertThat(PoliceUkRecords.isRecordFile("kent-street.csv")).isFalse();
        assertThat(PoliceUkRecords.isRecordFile("2024-01-kent-street.xlsx")).isFalse();
        assertThat(RecordFileName.parse("2024-01-avon-and-somerset-stop-and-search.csv")).get()
                .isEqualTo(new RecordFileName(YearMonth.of(2024, 1), "avon-and-somerset", RecordFileName.Type.STOP_AND_SEARCH));
    }
}
