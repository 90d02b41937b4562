package uk.forcecompare.validation;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the committed corpus again from {@link MalformedCorpus}:
 * {@code ./mvnw -q -B -o test -Dtest=MalformedCorpusGenerator -Dfc.corpus.regenerate=true}.
 * Off by default: the corpus is data under review, not rebuilt on every run.
 */
class MalformedCorpusGenerator {

    @Test
    @EnabledIfSystemProperty(named = "fc.corpus.regenerate", matches = "true")
    void regenerate() {
        for (Map.Entry<String, Supplier<byte[]>> e : MalformedCorpus.files().entrySet()) {
            Path p = CorpusFixtures.CORPUS.resolve(e.getKey());
            CorpusFixtures.write(p, e.getValue().get());
            System.out.println("wrote " + p);
        }
    }
}
