package io.batchline.consumer.table;

/**
 * IPv4 (a little-endian UInt32) and IPv6 (16 bytes in network order), parsed from their text here:
 * never through {@code InetAddress}, which may resolve names. An IPv4 address written to an IPv6
 * column becomes {@code ::ffff:a.b.c.d}, as ClickHouse does.
 */
final class IpWriters {

  private IpWriters() {}

  static ValueWriter ipv4() {
    return (value, out) -> {
      if (value.kind() == FieldValue.Kind.LONG
          && value.longValue() >= 0
          && value.longValue() <= 0xFFFFFFFFL) {
        out.writeLittleEndian(value.longValue(), 4);
        return;
      }
      if (value.kind() != FieldValue.Kind.STRING) {
        throw ValueMismatch.of(value, "IPv4");
      }
      long address = ipv4(value.bytes(), value.start(), value.end());
      if (address < 0) {
        throw ValueMismatch.of(value, "IPv4");
      }
      out.writeLittleEndian(address, 4);
    };
  }

  static ValueWriter ipv6() {
    return (value, out) -> {
      if (value.kind() != FieldValue.Kind.STRING) {
        throw ValueMismatch.of(value, "IPv6");
      }
      byte[] address = new byte[16];
      if (!ipv6(value.bytes(), value.start(), value.end(), address)) {
        throw ValueMismatch.of(value, "IPv6");
      }
      out.writeBytes(address);
    };
  }

  /** The address as an unsigned 32-bit number, or -1 when the text is not dotted IPv4. */
  static long ipv4(byte[] b, int from, int to) {
    long address = 0;
    int octets = 0;
    int i = from;
    while (octets < 4) {
      int start = i;
      int octet = 0;
      for (; i < to && b[i] >= '0' && b[i] <= '9' && i - start < 3; i++) {
        octet = octet * 10 + (b[i] - '0');
      }
      if (i == start || octet > 255) {
        return -1;
      }
      address = address << 8 | octet;
      octets++;
      if (octets < 4) {
        if (i >= to || b[i] != '.') {
          return -1;
        }
        i++;
      }
    }
    return i == to ? address : -1;
  }

  /** RFC 4291 text forms: groups, one {@code ::}, and an optional dotted IPv4 tail. */
  static boolean ipv6(byte[] b, int from, int to, byte[] address) {
    if (to - from >= 7 && to - from <= 15 && ipv4(b, from, to) >= 0) {
      long v4 = ipv4(b, from, to);
      address[10] = (byte) 0xFF;
      address[11] = (byte) 0xFF;
      for (int k = 0; k < 4; k++) {
        address[12 + k] = (byte) (v4 >>> (24 - 8 * k));
      }
      return true;
    }
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = from;
    if (i + 1 < to && b[i] == ':' && b[i + 1] == ':') {
      gap = 0;
      i += 2;
    }
    while (i < to) {
      int start = i;
      int group = 0;
      for (; i < to && Character.digit(b[i], 16) >= 0 && i - start < 4; i++) {
        group = group << 4 | Character.digit(b[i], 16);
      }
      if (i < to && b[i] == '.' && count <= 6) {
        long v4 = ipv4(b, start, to);
        if (v4 < 0) {
          return false;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xFFFF);
        i = to;
        break;
      }
      if (i == start || count == 8) {
        return false;
      }
      groups[count++] = group;
      if (i == to) {
        break;
      }
      if (b[i] != ':') {
        return false;
      }
      i++;
      if (i < to && b[i] == ':') {
        if (gap >= 0) {
          return false;
        }
        gap = count;
        i++;
      } else if (i == to) {
        return false;
      }
    }
    if (gap < 0 ? count != 8 : count > 7) {
      return false;
    }
    int missing = 8 - count;
    int position = 0;
    for (int g = 0; g < count; g++) {
      if (g == gap) {
        position += missing;
      }
      address[2 * position] = (byte) (groups[g] >>> 8);
      address[2 * position + 1] = (byte) groups[g];
      position++;
    }
    return true;
  }
}
