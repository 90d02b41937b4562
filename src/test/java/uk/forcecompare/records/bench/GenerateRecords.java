package uk.forcecompare.records.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes data.police.uk monthly files in their real headers for the 43 forces over a month range, with a fixed
 * seed: {@code rows} street rows in all (split by force size), stop-and-search files with {@code rows × ssRatio}
 * rows, in {@code YYYY-MM/} folders, and returns what each file holds so that readers can be checked exactly.
 *
 * <pre>java ... GenerateRecords --out DIR [--rows 10000000] [--seed 42] [--from 2023-01] [--to 2023-12] [--ss-ratio 0.05]</pre>
 */
public final class GenerateRecords {

    public static final String STREET_HEADER = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
            + "LSOA code,LSOA name,Crime type,Last outcome category,Context";
    public static final String STOP_SEARCH_HEADER = "Type,Date,Part of a policing operation,Policing operation,Latitude,"
            + "Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,"
            + "Outcome,Outcome linked to object of search,Removal of more than just outer clothing";
    public static final String OUTCOMES_HEADER = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
            + "LSOA code,LSOA name,Outcome type";

    /** slug, the name data.police.uk prints in Falls within, relative size (about population). */
    public static final String[][] FORCES = {
            {"metropolitan", "Metropolitan Police Service", "90"}, {"cumbria", "Cumbria Constabulary", "5"},
            {"lancashire", "Lancashire Constabulary", "15"}, {"merseyside", "Merseyside Police", "14"},
            {"greater-manchester", "Greater Manchester Police", "29"}, {"cheshire", "Cheshire Constabulary", "11"},
            {"northumbria", "Northumbria Police", "15"}, {"durham", "Durham Constabulary", "6"},
            {"north-yorkshire", "North Yorkshire Police", "8"}, {"west-yorkshire", "West Yorkshire Police", "23"},
            {"south-yorkshire", "South Yorkshire Police", "14"}, {"humberside", "Humberside Police", "9"},
            {"cleveland", "Cleveland Police", "6"}, {"west-midlands", "West Midlands Police", "29"},
            {"staffordshire", "Staffordshire Police", "11"}, {"west-mercia", "West Mercia Police", "13"},
            {"warwickshire", "Warwickshire Police", "6"}, {"derbyshire", "Derbyshire Constabulary", "10"},
            {"nottinghamshire", "Nottinghamshire Police", "12"}, {"lincolnshire", "Lincolnshire Police", "8"},
            {"leicestershire", "Leicestershire Police", "11"}, {"northamptonshire", "Northamptonshire Police", "8"},
            {"cambridgeshire", "Cambridgeshire Constabulary", "9"}, {"norfolk", "Norfolk Constabulary", "9"},
            {"suffolk", "Suffolk Constabulary", "8"}, {"bedfordshire", "Bedfordshire Police", "7"},
            {"hertfordshire", "Hertfordshire Constabulary", "12"}, {"essex", "Essex Police", "18"},
            {"thames-valley", "Thames Valley Police", "24"}, {"hampshire", "Hampshire Constabulary", "20"},
            {"surrey", "Surrey Police", "12"}, {"kent", "Kent Police", "19"}, {"sussex", "Sussex Police", "17"},
            {"city-of-london", "City of London Police", "1"}, {"devon-and-cornwall", "Devon & Cornwall Police", "18"},
            {"avon-and-somerset", "Avon and Somerset Constabulary", "17"},
            {"gloucestershire", "Gloucestershire Constabulary", "6"}, {"wiltshire", "Wiltshire Police", "7"},
            {"dorset", "Dorset Police", "8"}, {"north-wales", "North Wales Police", "7"}, {"gwent", "Gwent Police", "6"},
            {"south-wales", "South Wales Police", "13"}, {"dyfed-powys", "Dyfed-Powys Police", "5"},
    };

    /** Crime types and their share of street rows in percent (about as published; ASB 30%). */
    static final String[] CRIME_TYPES = {"Anti-social behaviour", "Violence and sexual offences", "Public order",
            "Criminal damage and arson", "Shoplifting", "Other theft", "Vehicle crime", "Burglary", "Drugs", "Other crime",
            "Robbery", "Theft from the person", "Bicycle theft", "Possession of weapons"};
    static final double[] CRIME_SHARE = {30, 30, 7, 6, 5, 5, 5, 4, 2.5, 1.5, 1, 1, 1, 1};
    private static final String[] OUTCOMES = {"Investigation complete; no suspect identified", "Unable to prosecute suspect",
            "Under investigation", "Status update unavailable", "Awaiting court outcome", "Offender given a caution",
            "Court result unavailable", "Local resolution", "Further investigation is not in the public interest"};
    /** Location texts as published; some need quoting. */
    private static final String[] PLACES = {"High Street", "Station Road", "Church Lane", "Smith's Road", "Parking Area",
            "Supermarket", "Petrol Station", "Nightclub", "Sports/Recreation Area", "Shopping Area", "A4175", "Monmouth Road",
            "Park/Open Space", "Theatre/Concert Hall", "Further/Higher Educational Building", "Hospital", "Mill Lane",
            "Queen's Drive", "St. John's Close"};
    private static final String[] DISTRICTS = {"Bath and North East Somerset", "Leeds", "Birmingham", "Cornwall", "Westminster",
            "Bristol, City of", "Herefordshire, County of", "Kingston upon Hull, City of", "Cardiff", "Manchester", "Wiltshire",
            "Newcastle upon Tyne", "Rhondda Cynon Taf", "King's Lynn and West Norfolk"};
    private static final String[] ETHNICITIES = {"White - English/Welsh/Scottish/Northern Irish/British", "White - Any other White background",
            "Black/African/Caribbean/Black British - Any other Black/African/Caribbean background",
            "Asian/Asian British - Pakistani", "Other ethnic group - Not stated", ""};
    private static final String[] LEGISLATION = {"Misuse of Drugs Act 1971 (section 23)",
            "Police and Criminal Evidence Act 1984 (section 1)", "Criminal Justice and Public Order Act 1994 (section 60)",
            "Firearms Act 1968 (section 47)"};
    private static final String[] OBJECTS = {"Controlled drugs", "Offensive weapons", "Stolen goods", "Article for use in theft",
            "Articles for use in criminal damage", "Firearms"};
    private static final String[] SS_OUTCOMES = {"A no further action disposal", "Arrest", "Community resolution",
            "Penalty Notice for Disorder", "Summons / charged by post", "Caution (simple or conditional)"};

    /** What one generated file holds. */
    public record FileCounts(String relativePath, String slug, YearMonth month, long rows, long asb, long crimes,
                             long searches, long finds) {
    }

    /** Settings beyond the size. */
    public record Options(long seed, double ssRatio, double bomRate, double crlfRate, double quotedRate) {
        public static Options bench(long seed) {
            return new Options(seed, 0.05, 0, 0, 0.03);
        }
    }

    private GenerateRecords() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        long rows = 10_000_000L, seed = 42;
        YearMonth from = YearMonth.of(2023, 1), to = YearMonth.of(2023, 12);
        double ss = 0.05;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--from" -> from = YearMonth.parse(args[++i]);
                case "--to" -> to = YearMonth.parse(args[++i]);
                case "--ss-ratio" -> ss = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (out == null) throw new IllegalArgumentException("--out DIR is required");
        long t0 = System.nanoTime();
        Options o = Options.bench(seed);
        List<FileCounts> files = generate(out, rows, from, to, new Options(seed, ss, o.bomRate(), o.crlfRate(), o.quotedRate()));
        long street = 0, asb = 0, crimes = 0, searches = 0, finds = 0;
        for (FileCounts f : files) {
            if (f.relativePath().endsWith("-street.csv")) street += f.rows();
            asb += f.asb();
            crimes += f.crimes();
            searches += f.searches();
            finds += f.finds();
        }
        System.out.printf("generated %d files: street rows %d (ASB %d, other crimes %d), stop-and-search rows %d (finds %d) in %.1f s%n",
                files.size(), street, asb, crimes, searches, finds, (System.nanoTime() - t0) / 1e9);
        System.out.printf("expected RECORDS_ASB_INCIDENTS=%d RECORDS_CRIMES=%d RECORDS_STOP_SEARCHES=%d RECORDS_STOP_SEARCH_FINDS=%d%n",
                asb, crimes, searches, finds);
    }

    /** Every force, every month of {@code from..to}. */
    public static List<FileCounts> generate(Path dir, long streetRows, YearMonth from, YearMonth to, Options o) throws IOException {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) months.add(m);
        List<String[]> forces = List.of(FORCES);
        return generate(dir, streetRows, months, forces, o);
    }

    /** The given forces and months: one street and one stop-and-search file for each pair. */
    public static List<FileCounts> generate(Path dir, long streetRows, List<YearMonth> months, List<String[]> forces, Options o)
            throws IOException {
        double total = 0;
        for (String[] f : forces) total += Double.parseDouble(f[2]);
        List<Job> jobs = new ArrayList<>();
        double cum = 0;
        long prevStreet = 0, prevSs = 0;
        long ssRows = Math.round(streetRows * o.ssRatio());
        int index = 0;
        for (String[] f : forces) {
            double share = Double.parseDouble(f[2]) / total / months.size();
            for (YearMonth m : months) {
                cum += share;
                long s = Math.round(streetRows * Math.min(1.0, cum));
                long ss = Math.round(ssRows * Math.min(1.0, cum));
                if (index == forces.size() * months.size() - 1) {
                    s = streetRows;
                    ss = ssRows;
                }
                jobs.add(new Job(f, m, s - prevStreet, ss - prevSs, o.seed() * 1_000_003L + index));
                prevStreet = s;
                prevSs = ss;
                index++;
            }
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<FileCounts>>> futures = new ArrayList<>();
            for (Job j : jobs) futures.add(pool.submit(() -> j.write(dir, o)));
            List<FileCounts> all = new ArrayList<>();
            for (Future<List<FileCounts>> fu : futures) all.addAll(fu.get());
            return all;
        } catch (Exception e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    private record Job(String[] force, YearMonth month, long streetRows, long ssRows, long seed) {

        List<FileCounts> write(Path dir, Options o) throws IOException {
            SplittableRandom r = new SplittableRandom(seed);
            Path folder = dir.resolve(month.toString());
            Files.createDirectories(folder);
            String base = month + "-" + force[0];
            List<FileCounts> out = new ArrayList<>();
            boolean bom = r.nextDouble() < o.bomRate();
            boolean crlf = r.nextDouble() < o.crlfRate();
            try (Row w = new Row(Files.newOutputStream(folder.resolve(base + "-street.csv")), crlf)) {
                if (bom) w.raw(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                w.text(STREET_HEADER).end();
                long asb = 0, crimes = 0;
                for (long i = 0; i < streetRows; i++) {
                    if (streetRow(w, r, o) == 0) asb++;
                    else crimes++;
                }
                out.add(new FileCounts(month + "/" + base + "-street.csv", force[0], month, streetRows, asb, crimes, 0, 0));
            }
            bom = r.nextDouble() < o.bomRate();
            crlf = r.nextDouble() < o.crlfRate();
            try (Row w = new Row(Files.newOutputStream(folder.resolve(base + "-stop-and-search.csv")), crlf)) {
                if (bom) w.raw(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                w.text(STOP_SEARCH_HEADER).end();
                long finds = 0;
                for (long i = 0; i < ssRows; i++) {
                    if (stopSearchRow(w, r)) finds++;
                }
                out.add(new FileCounts(month + "/" + base + "-stop-and-search.csv", force[0], month, ssRows, 0, 0, ssRows, finds));
            }
            return out;
        }

        /** Writes one street row; returns the index of its crime type (0 = ASB). */
        int streetRow(Row w, SplittableRandom r, Options o) {
            int type = pick(r.nextDouble() * 100);
            if (type != 0) w.hex64(r);
            w.comma().text(month.toString()).comma().text(force[1]).comma().text(force[1]).comma();
            boolean located = r.nextInt(100) >= 3;
            if (located) {
                w.decimal(-5.5 + r.nextDouble() * 7.2).comma().decimal(50.0 + r.nextDouble() * 5.8).comma();
                String place = PLACES[r.nextInt(PLACES.length)];
                double q = r.nextDouble();
                if (q < o.quotedRate() * 0.8) w.quoted("On or near " + place + ", " + PLACES[r.nextInt(PLACES.length)]);
                else if (q < o.quotedRate()) w.quoted("On or near \"" + place + "\"");
                else w.text("On or near ").text(place);
                w.comma().text("E0").digits(r.nextInt(10_000_000), 7).comma();
                String district = DISTRICTS[r.nextInt(DISTRICTS.length)];
                String lsoa = district + " " + threeDigits(r.nextInt(400)) + (char) ('A' + r.nextInt(6));
                if (district.indexOf(',') >= 0) w.quoted(lsoa);
                else w.text(lsoa);
                w.comma();
            } else {
                w.comma().comma().text("No location").comma().comma().comma();
            }
            w.text(CRIME_TYPES[type]).comma();
            if (type != 0) w.text(OUTCOMES[r.nextInt(OUTCOMES.length)]);
            w.comma().end();
            return type;
        }

        boolean stopSearchRow(Row w, SplittableRandom r) {
            int t = r.nextInt(10);
            w.text(t < 7 ? "Person search" : t < 9 ? "Person and Vehicle search" : "Vehicle search").comma();
            w.text(month.toString()).text("-").digits(1 + r.nextInt(month.lengthOfMonth()), 2).text("T")
                    .digits(r.nextInt(24), 2).text(":").digits(r.nextInt(60), 2).text(":").digits(r.nextInt(60), 2)
                    .text("+00:00").comma();
            w.text(r.nextInt(10) == 0 ? "True" : "False").comma().comma();
            if (r.nextInt(10) < 8) w.decimal(50.0 + r.nextDouble() * 5.8).comma().decimal(-5.5 + r.nextDouble() * 7.2).comma();
            else w.comma().comma();
            w.text(r.nextInt(10) < 9 ? "Male" : "Female").comma();
            int age = r.nextInt(5);
            w.text(age == 0 ? "under 10" : age == 1 ? "10-17" : age == 2 ? "18-24" : age == 3 ? "25-34" : "over 34").comma();
            w.text(ETHNICITIES[r.nextInt(ETHNICITIES.length)]).comma();
            int e = r.nextInt(4);
            w.text(e == 0 ? "White" : e == 1 ? "Black" : e == 2 ? "Asian" : "Other").comma();
            w.text(LEGISLATION[r.nextInt(LEGISLATION.length)]).comma();
            w.text(OBJECTS[r.nextInt(OBJECTS.length)]).comma();
            w.text(SS_OUTCOMES[r.nextInt(SS_OUTCOMES.length)]).comma();
            int linked = r.nextInt(100);
            boolean find = linked < 22;
            w.text(find ? (r.nextInt(20) == 0 ? "TRUE" : "True") : linked < 85 ? "False" : "").comma();
            w.text(r.nextInt(20) == 0 ? "True" : r.nextInt(2) == 0 ? "False" : "").end();
            return find;
        }

        private static int pick(double pct) {
            double c = 0;
            for (int i = 0; i < CRIME_SHARE.length; i++) {
                c += CRIME_SHARE[i];
                if (pct < c) return i;
            }
            return CRIME_SHARE.length - 1;
        }

        private static String threeDigits(int n) {
            return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
        }
    }

    /** A fast row writer: ASCII and UTF-8 text, digits, quoting. */
    static final class Row implements AutoCloseable {
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        private final OutputStream out;
        private final byte[] b = new byte[1 << 16];
        private int n;
        private final boolean crlf;

        Row(OutputStream out, boolean crlf) {
            this.out = new BufferedOutputStream(out, 1 << 16);
            this.crlf = crlf;
        }

        Row raw(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, b, n, bytes.length);
            n += bytes.length;
            return this;
        }

        Row text(String s) {
            int len = s.length();
            room(len * 3);
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c < 0x80) b[n++] = (byte) c;
                else {
                    byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(u, 0, b, n, u.length);
                    n += u.length;
                }
            }
            return this;
        }

        Row quoted(String s) {
            return text("\"").text(s.replace("\"", "\"\"")).text("\"");
        }

        Row comma() {
            room(1);
            b[n++] = ',';
            return this;
        }

        Row end() {
            room(2);
            if (crlf) b[n++] = '\r';
            b[n++] = '\n';
            return this;
        }

        Row digits(int v, int width) {
            room(width);
            for (int i = width - 1; i >= 0; i--) {
                b[n + i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            n += width;
            return this;
        }

        /** Six decimals, as published. */
        Row decimal(double v) {
            room(16);
            if (v < 0) {
                b[n++] = '-';
                v = -v;
            }
            long micro = Math.round(v * 1_000_000);
            long whole = micro / 1_000_000;
            text(Long.toString(whole));
            b[n++] = '.';
            return digits((int) (micro % 1_000_000), 6);
        }

        Row hex64(SplittableRandom r) {
            room(64);
            for (int k = 0; k < 4; k++) {
                long x = r.nextLong();
                for (int i = 0; i < 16; i++) {
                    b[n++] = HEX[(int) (x & 15)];
                    x >>>= 4;
                }
            }
            return this;
        }

        private void room(int k) {
            if (n + k > b.length) flush();
        }

        private void flush() {
            try {
                out.write(b, 0, n);
                n = 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }
    }
}
