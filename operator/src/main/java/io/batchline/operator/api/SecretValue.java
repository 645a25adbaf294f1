package io.batchline.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A credential, which may only come from a Secret: there is no inline value on purpose. */
public class SecretValue {

  @Required
  @JsonPropertyDescription("The Secret key that holds the value.")
  private SecretKeyRef secretKeyRef;

  public SecretValue() {}

  public SecretValue(SecretKeyRef secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }

  public SecretKeyRef getSecretKeyRef() {
    return secretKeyRef;
  }

  public void setSecretKeyRef(SecretKeyRef secretKeyRef) {
    this.secretKeyRef = secretKeyRef;
  }
}
