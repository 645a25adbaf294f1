package io.batchline.consumer.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Accepts the seed's environment names, {@code FLEXPRICE_EVENT_PROCESSING_BATCH_SIZE} and so on, as
 * aliases of the {@code event-processing.*} settings. Ordinal 250 ranks it below the standard
 * environment variables (300), so {@code EVENT_PROCESSING_*} wins when both are set.
 */
public final class FlexpriceAliasConfigSource implements ConfigSource {

  static final String PREFIX = "FLEXPRICE_EVENT_PROCESSING_";

  private final Map<String, String> properties;

  public FlexpriceAliasConfigSource() {
    this(System.getenv());
  }

  FlexpriceAliasConfigSource(Map<String, String> environment) {
    Map<String, String> mapped = new HashMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX)) {
            String key = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
            mapped.put("event-processing." + key, value);
          }
        });
    this.properties = Map.copyOf(mapped);
  }

  @Override
  public Map<String, String> getProperties() {
    return properties;
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public String getName() {
    return "flexprice-environment-aliases";
  }

  @Override
  public int getOrdinal() {
    return 250;
  }
}
