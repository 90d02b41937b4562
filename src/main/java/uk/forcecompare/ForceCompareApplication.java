package uk.forcecompare;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring context behind every command that needs the database. Commands start in {@link ForceCompare}. */
@SpringBootApplication
public class ForceCompareApplication {
}
