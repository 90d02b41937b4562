package uk.forcecompare.database;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;


/**
 * Starts the embedded PostgreSQL when no {@code spring.datasource.url} is given. Boot's DataSource, Hikari and
 * Flyway then wire up through the {@link JdbcConnectionDetails} as they would for any server.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
public class EmbeddedDatabaseConfiguration {

    @Bean
    JdbcConnectionDetails embeddedPostgresConnectionDetails(@Value("${force-compare.database.dir}") String dataDir) {
        String url = EmbeddedDatabase.jdbcUrl(EmbeddedDatabase.shared(Path.of(dataDir)));
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return null;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    static class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return noExternalDatabase(context.getEnvironment());
        }
    }

    private static boolean noExternalDatabase(Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        return url == null || url.isBlank();
    }

    /**
     * Starts the embedded server in the background as soon as the properties are known, so that PostgreSQL's start
     * overlaps Spring's. The bean above then finds it started, or waits for it ({@link EmbeddedDatabase#shared} is
     * once per data folder); if the early start fails, the bean's own attempt reports why.
     */
    public static final class EarlyStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ConfigurableEnvironment environment = event.getEnvironment();
            String dir = environment.getProperty("force-compare.database.dir");
            if (!noExternalDatabase(environment) || dir == null || dir.isBlank()) return;
            Thread t = new Thread(() -> {
                try {
                    EmbeddedDatabase.shared(Path.of(dir));
                } catch (RuntimeException e) {
                    // the bean starts it again and fails with the reason
                }
            }, "embedded-postgres-early-start");
            t.setDaemon(true);
            t.start();
        }
    }
}
