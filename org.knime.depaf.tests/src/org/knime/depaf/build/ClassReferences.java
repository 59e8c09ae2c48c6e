package org.knime.depaf.build;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Reads which classes a compiled class refers to, from the names in its constant pool (imports leave no trace
 * in byte code, references do, so this sees every use, including fully qualified names in the code).
 */
final class ClassReferences {

    private ClassReferences() {
    }

    /** A compiled class: its resource path and its bytes. */
    record ClassFile(String path, byte[] bytes) {
    }

    /**
     * @return every class file under the package folder (e.g. "org/knime/depaf/core") of the bundle or
     *         class-path folder that holds {@code anchor}
     */
    static List<ClassFile> classesUnder(final Class<?> anchor, final String packageFolder) throws IOException {
        final List<ClassFile> out = new ArrayList<>();
        final Bundle bundle = FrameworkUtil.getBundle(anchor);
        if (bundle != null) {
            final Enumeration<URL> entries = bundle.findEntries(packageFolder, "*.class", true);
            for (final URL url : entries == null ? Collections.<URL> emptyList() : Collections.list(entries)) {
                try (InputStream in = url.openStream()) {
                    out.add(new ClassFile(url.getPath(), in.readAllBytes()));
                }
            }
            return out;
        }
        final Path root;
        try {
            root = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (final Exception e) {
            throw new IOException("cannot locate the classes of " + anchor, e);
        }
        final Path folder = root.resolve(packageFolder);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (final Path file : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    out.add(new ClassFile(root.relativize(file).toString(), Files.readAllBytes(file)));
                }
            }
        }
        return out;
    }

    /** @return the internal names (a/b/C) of every class the class file refers to, in any signature */
    static Set<String> referencedNames(final byte[] classFile) throws IOException {
        final Set<String> names = new TreeSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            final int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                final int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> names.add(in.readUTF()); // every class name and descriptor is a UTF-8 entry
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++; // long and double take two slots
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
        }
        return names;
    }

    /**
     * @return the binary names (a.b.C$D) of the superclass (absent for java.lang.Object and modules) and of the
     *         interfaces the class file names directly, superclass first
     */
    static List<String> directSupertypes(final byte[] classFile) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            final int count = in.readUnsignedShort();
            final String[] utf8 = new String[count];
            final int[] classNameIndex = new int[count];
            for (int i = 1; i < count; i++) {
                final int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNameIndex[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            in.readUnsignedShort(); // access flags
            in.readUnsignedShort(); // this class
            final List<String> out = new ArrayList<>();
            final int superClass = in.readUnsignedShort();
            if (superClass != 0) {
                out.add(utf8[classNameIndex[superClass]].replace('/', '.'));
            }
            final int interfaces = in.readUnsignedShort();
            for (int i = 0; i < interfaces; i++) {
                out.add(utf8[classNameIndex[in.readUnsignedShort()]].replace('/', '.'));
            }
            return out;
        }
    }
}
