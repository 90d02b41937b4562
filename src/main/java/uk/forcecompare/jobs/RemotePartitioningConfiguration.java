package uk.forcecompare.jobs;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Remote partitioning of the {@code ingestRecords} step (spring-batch-integration), on when
 * {@code force-compare.workers.enabled=true}: {@code run} is then the manager, and {@code worker} processes
 * ({@code force-compare.role=worker}) run the partitions. The request channel is a {@link QueueChannel} kept in
 * PostgreSQL by Spring Integration's {@link JdbcChannelMessageStore} with {@link PostgresChannelMessageStoreQueryProvider}:
 * workers need nothing but the shared database, and each request is taken by exactly one worker
 * ({@code FOR UPDATE SKIP LOCKED}). Workers poll it without a transaction: the job repository, not the channel, is
 * the record of which partition ran, and the manager's watcher covers a worker that dies after taking a request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "force-compare.workers.enabled", havingValue = "true")
class RemotePartitioningConfiguration {

    static final String REGION = "force-compare";
    static final String GROUP = "force-compare.partitions";

    @Bean
    JdbcChannelMessageStore remotePartitionStore(DataSource dataSource) {
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.setRegion(REGION);
        store.addAllowedPatterns("org.springframework.batch.integration.partition.StepExecutionRequest",
                "org.springframework.messaging.support.GenericMessage", "org.springframework.messaging.MessageHeaders",
                "org.springframework.integration.message.AdviceMessage", "java.util.*", "java.lang.*");
        return store;
    }

    @Bean
    QueueChannel remotePartitionRequests(JdbcChannelMessageStore store) {
        return new QueueChannel(new MessageGroupQueue(store, GROUP));
    }

    @Bean
    RemotePartitionHandler remotePartitionHandler(QueueChannel remotePartitionRequests, JobRepository jobRepository,
                                                  DataSource dataSource,
                                                  @Value("${force-compare.workers.grace:PT5S}") Duration grace,
                                                  @Value("${force-compare.workers.idle-timeout:PT30M}") Duration idleTimeout,
                                                  @Value("${force-compare.workers.poll-interval:PT1S}") Duration pollInterval) {
        return new RemotePartitionHandler(remotePartitionRequests, jobRepository, new JdbcTemplate(dataSource), REGION,
                grace, idleTimeout, pollInterval);
    }

    @Bean
    @ConditionalOnProperty(name = "force-compare.role", havingValue = "worker")
    RemoteWorker remoteWorker(QueueChannel remotePartitionRequests, JobRepository jobRepository, Step recordsWorkerStep,
                              DataSource dataSource, RunSupport support,
                              @Value("${force-compare.worker.name:}") String name,
                              @Value("${force-compare.worker.threads:0}") int threads) {
        return new RemoteWorker(remotePartitionRequests, jobRepository, recordsWorkerStep, dataSource, support, name, threads);
    }
}
