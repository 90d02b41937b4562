package uk.forcecompare.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import uk.forcecompare.collection.Collection;
import uk.forcecompare.collection.SourceFile;

/**
 * A run's identity (contract section 6): the collection id, the sha256 of {@code collection.yml} and of every
 * source file, and the absolute output root. The same inputs to the same place are the same run, so a failed
 * run resumes and a completed one is not repeated; the job has no incrementer, which would defeat this.
 */
final class RunParameters {

    static final String COLLECTION_ID = "collection.id";
    static final String MANIFEST_SHA256 = "manifest.sha256";
    static final String INPUTS_SHA256 = "inputs.sha256";
    static final String OUTPUT_ROOT = "output.root";
    static final String COLLECTION_FOLDER = "collection.folder";
    /**
     * The indicator definitions and force reference list the run computes with. Contract section 6 names the inputs
     * and the output root; an analyst who edits an indicator expects the next run to publish it, and a run that
     * failed on a definition to start afresh once it is mended, so the definitions are part of the identity too.
     */
    static final String DEFINITIONS_SHA256 = "definitions.sha256";

    private RunParameters() {
    }

    static final String ATTEMPT = "publication.attempt";

    /**
     * @param attempt 1, unless the same inputs were published before and that publication has since been replaced
     *                or deleted: publishing them again is then a new run
     */
    static JobParameters of(Collection c, Path outputRoot, long attempt, String definitionsSha256) {
        return new JobParametersBuilder()
                .addLong(ATTEMPT, attempt)
                .addString(COLLECTION_ID, c.id())
                .addString(MANIFEST_SHA256, c.manifestSha256().orElse("none"))
                .addString(INPUTS_SHA256, inputsDigest(c))
                .addString(DEFINITIONS_SHA256, definitionsSha256)
                .addString(OUTPUT_ROOT, outputRoot.toAbsolutePath().normalize().toString())
                // where the folder sits does not change what is read, so moving it does not make a new run
                .addString(COLLECTION_FOLDER, c.folder().toString(), false)
                .toJobParameters();
    }

    /** One digest over every input's path and sha256, in path order. */
    static String inputsDigest(Collection c) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            c.sources().stream().sorted(java.util.Comparator.comparing(SourceFile::relativePath)).forEach(s -> {
                md.update(s.relativePath().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(s.sha256().getBytes(StandardCharsets.US_ASCII));
                md.update((byte) '\n');
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
