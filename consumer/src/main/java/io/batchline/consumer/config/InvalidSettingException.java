package io.batchline.consumer.config;

/** A setting has a value the consumer refuses to start with. The message names the setting. */
public class InvalidSettingException extends RuntimeException {

  public InvalidSettingException(String message) {
    super(message);
  }
}
