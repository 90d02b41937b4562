package uk.forcecompare.indicators;

import java.util.Set;

/**
 * What a finding kept out of the observations: a row or a whole file. A force's value that is missing because of it
 * points to it, so that a reviewer is not sent looking for a row or a figure that was never absent.
 */
public sealed interface Rejected {

    String sourceFile();

    /**
     * A row left out whole because its force or its month could not be read: its values are not among the observations.
     *
     * @param location where the row is ("line 207", "Table_4a!A12")
     * @param forceCode the force the row names, or empty where that is what could not be told
     * @param rule the rule of the finding, for the reviewer to find it in the log
     * @param observed what was printed where the finding is ("2023-5", "Dorsett Police")
     * @param rawText the row as read, which may still tell its month where its force could not be told
     */
    record Row(String sourceFile, String location, String forceCode, String rule, String observed, String rawText)
            implements Rejected {
    }

    /**
     * A file, or a force's return, of which nothing was read.
     *
     * @param forceCode the force whose return it is, or empty for a published table that gives every force's figures
     * @param measures the measures the file would have given
     * @param why why nothing was read from it, in words ("it has no Total calls column")
     */
    record File(String sourceFile, String forceCode, Set<String> measures, String why) implements Rejected {
        public File {
            measures = Set.copyOf(measures);
        }
    }
}
