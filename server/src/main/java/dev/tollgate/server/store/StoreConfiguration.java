package dev.tollgate.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.server.config.TollgateProperties;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the database: {@code TOLLGATE_DB_URL} when set, else the embedded PostgreSQL. The data
 * source depends on the embedded store bean, so on shutdown the pool closes before PostgreSQL
 * stops.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {
  /** Enough for the HTTP threads' short transactions; PostgreSQL itself is sized above this. */
  static final int POOL_SIZE_MAX = 32;

  @Bean(destroyMethod = "close")
  EmbeddedStoreHolder embeddedStore(TollgateProperties properties) throws IOException {
    if (properties.db().external()) {
      return new EmbeddedStoreHolder(null);
    }
    return new EmbeddedStoreHolder(EmbeddedStore.start(
        properties.dataDir(), properties.embedded().durable(), properties.embedded().sharedBuffersMb()));
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(TollgateProperties properties, ObjectProvider<EmbeddedStoreHolder> embedded) {
    HikariConfig config = new HikariConfig();
    EmbeddedStore store = embedded.getObject().store();
    if (store == null) {
      config.setJdbcUrl(properties.db().url());
      config.setUsername(properties.db().user());
      config.setPassword(properties.db().password());
    } else {
      config.setJdbcUrl(store.jdbcUrl());
      config.setUsername(store.user());
      config.setPassword(store.password());
    }
    config.setPoolName("tollgate");
    config.setMaximumPoolSize(POOL_SIZE_MAX);
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }

  /** Holds the store, or nothing when the database is external; a bean cannot be null. */
  public record EmbeddedStoreHolder(EmbeddedStore store) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      if (store != null) {
        store.close();
      }
    }
  }

}
