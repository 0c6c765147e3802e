package dev.switchboard.config;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a loaded config for {@link ConfigCache}: every record component in declaration order,
 * written from its declared type, read back through the record's canonical constructor. Generic over the
 * config's records, so a new setting is stored without a change here; a component of a type not listed
 * below is refused ({@link #checkSupported}), never stored half.
 *
 * <p>Types: records, enums, {@code String}, {@code Path}, boxed and primitive {@code int}, {@code long} and
 * {@code boolean}, and {@code List} of any of these. Lists come back as {@code ArrayList}, as Jackson builds
 * them; the records' constructors then normalize them exactly as when the YAML was read.
 */
final class RecordCodec {
    private RecordCodec() {}

    static void write(DataOutputStream out, Object value, Type type) throws IOException {
        Class<?> raw = raw(type);
        if (!raw.isPrimitive()) {
            out.writeBoolean(value != null);
            if (value == null) {
                return;
            }
        }
        if (raw == String.class) {
            writeString(out, (String) value);
        } else if (raw == Path.class) {
            writeString(out, value.toString());
        } else if (raw == int.class || raw == Integer.class) {
            out.writeInt((Integer) value);
        } else if (raw == long.class || raw == Long.class) {
            out.writeLong((Long) value);
        } else if (raw == boolean.class || raw == Boolean.class) {
            out.writeBoolean((Boolean) value);
        } else if (raw.isEnum()) {
            writeString(out, ((Enum<?>) value).name());
        } else if (raw == List.class) {
            List<?> list = (List<?>) value;
            out.writeInt(list.size());
            for (Object element : list) {
                write(out, element, elementType(type));
            }
        } else if (raw.isRecord()) {
            for (RecordComponent c : raw.getRecordComponents()) {
                try {
                    write(out, c.getAccessor().invoke(value), c.getGenericType());
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + raw.getSimpleName() + "." + c.getName(), e);
                }
            }
        } else {
            throw new IllegalArgumentException("a config cache cannot hold a " + type.getTypeName());
        }
    }

    static Object read(DataInputStream in, Type type) throws IOException {
        Class<?> raw = raw(type);
        if (!raw.isPrimitive() && !in.readBoolean()) {
            return null;
        }
        if (raw == String.class) {
            return readString(in);
        } else if (raw == Path.class) {
            return Path.of(readString(in));
        } else if (raw == int.class || raw == Integer.class) {
            return in.readInt();
        } else if (raw == long.class || raw == Long.class) {
            return in.readLong();
        } else if (raw == boolean.class || raw == Boolean.class) {
            return in.readBoolean();
        } else if (raw.isEnum()) {
            return enumConstant(raw, readString(in));
        } else if (raw == List.class) {
            int size = in.readInt();
            if (size < 0) {
                throw new IOException("negative list size");
            }
            List<Object> list = new ArrayList<>(Math.min(size, 1024));
            for (int i = 0; i < size; i++) {
                list.add(read(in, elementType(type)));
            }
            return list;
        } else if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = read(in, components[i].getGenericType());
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> canonical = raw.getDeclaredConstructor(types);
                return canonical.newInstance(values);
            } catch (InvocationTargetException e) {
                // The record refused the values (its constructor checks them): this stored form is not usable.
                throw new IOException("stored " + raw.getSimpleName() + " is refused: " + e.getCause(), e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + raw.getSimpleName(), e);
            }
        }
        throw new IllegalArgumentException("a config cache cannot hold a " + type.getTypeName());
    }

    /** @throws IllegalArgumentException naming the first component, reachable from {@code type}, not storable */
    static void checkSupported(Type type) {
        Class<?> raw = raw(type);
        if (raw == String.class
                || raw == Path.class
                || raw == int.class
                || raw == Integer.class
                || raw == long.class
                || raw == Long.class
                || raw == boolean.class
                || raw == Boolean.class
                || raw.isEnum()) {
            return;
        }
        if (raw == List.class) {
            checkSupported(elementType(type));
        } else if (raw.isRecord()) {
            for (RecordComponent c : raw.getRecordComponents()) {
                try {
                    checkSupported(c.getGenericType());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            raw.getSimpleName() + "." + c.getName() + ": " + e.getMessage(), e);
                }
            }
        } else {
            throw new IllegalArgumentException("a config cache cannot hold a " + type.getTypeName());
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new IllegalArgumentException("a config cache cannot hold a " + type.getTypeName());
    }

    private static Type elementType(Type listType) {
        if (listType instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        throw new IllegalArgumentException(
                "a config cache cannot hold a list without element type: " + listType.getTypeName());
    }

    private static Object enumConstant(Class<?> type, String name) throws IOException {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IOException("no " + type.getSimpleName() + " named " + name);
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("string length " + length + " out of range");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
