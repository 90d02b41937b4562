import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The DuckDB side of the records benchmark: counts the same data.police.uk files with read_csv and GROUP BY,
 * per file (force and month): street rows ASB vs every other crime type, stop-and-search rows and finds.
 * Usage: java -cp duckdb_jdbc.jar:DIR DuckCount DATA_DIR [threads]
 */
public class DuckCount {
    public static void main(String[] args) throws Exception {
        String dir = args[0].replace("'", "''");
        // the real headers, given rather than sniffed: DuckDB's fastest way to read these files (about 2x its auto-detect here)
        String street = options("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
                + "Crime type,Last outcome category,Context");
        String stopSearch = options("Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,"
                + "Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,"
                + "Outcome linked to object of search,Removal of more than just outer clothing");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        long files = 0, rows = 0, asb = 0, crimes = 0, searches = 0, finds = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = " + threads);
            try (ResultSet r = s.executeQuery(
                    "SELECT regexp_extract(filename, '(\\d{4}-\\d{2})-(.+)-street\\.csv$', 2) AS slug, "
                            + "regexp_extract(filename, '(\\d{4}-\\d{2})-(.+)-street\\.csv$', 1) AS month, asb, crimes FROM ("
                            + "SELECT filename, count(*) FILTER (WHERE \"Crime type\" = 'Anti-social behaviour') AS asb, "
                            + "count(*) FILTER (WHERE \"Crime type\" <> 'Anti-social behaviour') AS crimes "
                            + "FROM read_csv('" + dir + "/**/*-street.csv', filename = true, " + street + ") "
                            + "GROUP BY filename)")) {
                while (r.next()) {
                    files++;
                    asb += r.getLong("asb");
                    crimes += r.getLong("crimes");
                }
            }
            try (ResultSet r = s.executeQuery(
                    "SELECT regexp_extract(filename, '(\\d{4}-\\d{2})-(.+)-stop-and-search\\.csv$', 2) AS slug, "
                            + "regexp_extract(filename, '(\\d{4}-\\d{2})-(.+)-stop-and-search\\.csv$', 1) AS month, searches, finds FROM ("
                            + "SELECT filename, count(*) AS searches, "
                            + "count(*) FILTER (WHERE lower(\"Outcome linked to object of search\") = 'true') AS finds "
                            + "FROM read_csv('" + dir + "/**/*-stop-and-search.csv', filename = true, " + stopSearch + ") "
                            + "GROUP BY filename)")) {
                while (r.next()) {
                    files++;
                    searches += r.getLong("searches");
                    finds += r.getLong("finds");
                }
            }
        }
        rows = asb + crimes + searches;
        System.out.printf("DuckDB (%d threads): %d force-month groups, %d rows in %.2f s in-process%n", threads, files, rows,
                (System.nanoTime() - t0) / 1e9);
        System.out.printf("total RECORDS_ASB_INCIDENTS=%d%ntotal RECORDS_CRIMES=%d%ntotal RECORDS_STOP_SEARCHES=%d%ntotal RECORDS_STOP_SEARCH_FINDS=%d%n",
                asb, crimes, searches, finds);
    }

    private static String options(String header) {
        StringBuilder cols = new StringBuilder("{");
        for (String c : header.split(",")) {
            if (cols.length() > 1) cols.append(", ");
            cols.append('\'').append(c).append("': 'VARCHAR'");
        }
        return "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = " + cols + "}";
    }
}
