/**
 * The ground station's PostgreSQL store: the schema (Flyway migrations in {@code db/migration}),
 * the embedded or server database, batched writes of decoded messages in one transaction, time
 * partitions and their retention, and the read queries the API serves.
 *
 * <p>May use JDBC (pgjdbc), HikariCP, Flyway and zonky's embedded PostgreSQL; knows nothing of MQTT,
 * protobuf or HTTP: the ingest hands it rows, the API asks it questions. Used by
 * {@code io.locolink.ground.ingest}, {@code io.locolink.ground.api}, the dashboard and the station's wiring.
 */
package io.locolink.ground.store;
