package uk.forcecompare.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing in a collection folder is passed over without a word: a file that is not read is a stray, and says why
 * (an office lock file, a hidden file or folder, a file in the returns folder that is no workbook, or undeclared).
 */
class CollectionLoaderStrayTest {

    @TempDir
    Path dir;

    private void write(String file, String content) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void lockFilesHiddenFilesAndNonWorkbooksInTheReturnsFolderAreStraysThatSayWhat() throws IOException {
        write("collection.yml", "id: x\nsources:\n  - file: returns/\n    kind: force-return\n");
        write("returns/kent.xlsx", "not read here");
        write("returns/~$kent.xlsx", "\u0005Alice");
        write("returns/.~lock.essex.ods#", "Alice,host,2024");
        write("returns/.DS_Store", "x");
        write("returns/notes.txt", "Kent's return is late");
        write("returns/.git/config", "[core]");
        write("returns/.git/HEAD", "ref");
        write("readme.md", "about this collection");

        Collection c = new CollectionLoader().load(dir);

        assertThat(c.sources()).extracting(SourceFile::relativePath).containsExactly("returns/kent.xlsx");
        assertThat(c.strayFiles()).extracting(Collection.Stray::file).containsExactly(
                "readme.md", "returns/.DS_Store", "returns/.git/", "returns/.~lock.essex.ods#", "returns/notes.txt",
                "returns/~$kent.xlsx");
        assertThat(c.strayFiles()).satisfiesExactly(
                s -> assertThat(s.message()).isEqualTo("readme.md is in the collection folder but no source in collection.yml "
                        + "covers it; it was not read"),
                s -> assertThat(s.why()).startsWith("is a hidden file"),
                s -> assertThat(s.why()).isEqualTo("is a hidden folder (its name starts with '.'); nothing in it was read"),
                s -> assertThat(s.why()).startsWith("is a LibreOffice lock file, left beside the workbook essex.ods while it is open"),
                s -> assertThat(s.message()).isEqualTo("returns/notes.txt is in the force-return folder returns/ but is not a "
                        + "workbook (XLSX or ODS), so it was not read as a return"),
                s -> assertThat(s.why()).startsWith("is an Excel lock file, left beside the workbook kent.xlsx while it is open")
                        .endsWith("it is not a return and was not read"));
    }

    @Test
    void withoutAManifestALockFileIsStillAStray() throws IOException {
        write("norfolk.xlsx", "not read here");
        write("~$norfolk.xlsx", "\u0005Bob");

        Collection c = new CollectionLoader().load(dir);

        assertThat(c.sources()).extracting(SourceFile::relativePath).containsExactly("norfolk.xlsx");
        assertThat(c.strayFiles()).singleElement().satisfies(s -> {
            assertThat(s.file()).isEqualTo("~$norfolk.xlsx");
            assertThat(s.why()).startsWith("is an Excel lock file");
        });
    }

    @Test
    void aHiddenFileTheManifestNamesIsReadNotAStray() throws IOException {
        write("collection.yml", "id: x\nsources:\n  - file: .population.csv\n    kind: ons-population\n");
        write(".population.csv", "code,name,mid_year,population\n");

        Collection c = new CollectionLoader().load(dir);

        assertThat(c.sources()).extracting(SourceFile::relativePath).containsExactly(".population.csv");
        assertThat(c.strayFiles()).isEmpty();
    }
}
