package uk.forcecompare.sources;

/** How much of a file was read: recorded beside the file's checksum. */
public record ReadSummary(String sourceFile, String kind, long rowsRead, long observations, boolean readable) {
}
