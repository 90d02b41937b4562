package uk.forcecompare.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChangedInputsTest {

    private static RunRepository.SourceFileRecord file(String path, String sha) {
        return new RunRepository.SourceFileRecord(path, "force-return", sha, 1, 1L, 1L, true);
    }

    @Test
    void aResubmittedReturnIsChangedANewOneAddedAWithdrawnOneRemoved() {
        var before = List.of(file("returns/norfolk.xlsx", "aa"), file("returns/suffolk.xlsx", "bb"), file("ons/p.csv", "cc"));
        var after = List.of(file("returns/norfolk.xlsx", "a2"), file("returns/gwent.xlsx", "dd"), file("ons/p.csv", "cc"));
        var changes = PublishTasklet.changedInputs(before, after);
        assertThat(changes.get("changed")).containsExactly("returns/norfolk.xlsx");
        assertThat(changes.get("added")).containsExactly("returns/gwent.xlsx");
        assertThat(changes.get("removed")).containsExactly("returns/suffolk.xlsx");
    }
}
