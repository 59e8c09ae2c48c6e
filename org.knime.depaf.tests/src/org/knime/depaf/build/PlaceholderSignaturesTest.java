package org.knime.depaf.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericDeclaration;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataCell;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The compile-only placeholders of KNIME's API ({@code knime-api-placeholders/}) declare nothing that KNIME 5.8's
 * real API lacks or declares differently, so that node code which compiles against them also compiles against real
 * KNIME. Runs when the runtime's {@code org.knime.core} is not a placeholder (the KNIME API test kit in
 * {@code ../shared/knime-api}, or real KNIME); with the placeholders it is skipped.
 * <p>
 * It compiles the placeholder sources on its own (they are not in this runtime then) and compares each placeholder
 * class, top-level and nested, with the real class of the same name by reflection:
 * <ul>
 * <li>kind (class, interface, enum, record, annotation), modifiers, type parameters, sealed-ness and permitted
 * subclasses, superclass and interfaces (generic, as sets);</li>
 * <li>every constructor, method and field the placeholder declares exists in the real class (methods and fields may
 * be inherited there) with the same modifiers (visibility, static, final, abstract, default), generic parameter,
 * return and field types, varargs, type parameters and checked exceptions. A placeholder constructor the real class
 * lacks is a difference, including the implicit no-argument one, except a private constructor: a placeholder needs
 * one only to suppress the default constructor, clients cannot see it, and the real private ones take KNIME's
 * internal types;</li>
 * <li>annotations: same {@code @Target}, {@code @Retention}, {@code @Inherited}; every element has a default in
 * the placeholder exactly when it has one in the real annotation, and the placeholder declares every element that
 * has no default in the real one (else a use that compiles here would lack a required element there);</li>
 * <li>for each KNIME type that {@code org.knime.depaf}'s own classes directly extend or implement, the abstract
 * methods, inherited ones included, are the same, so a subclass that compiles against one compiles against the
 * other.</li>
 * </ul>
 * Everything else of the real API may be missing from the placeholders; they hold only what the nodes use. All
 * differences are reported in one failure, one line each.
 * <p>
 * Needs the system property {@code depaf.repository} (the repository root, set in this fragment's pom), a JDK (for
 * {@code javax.tools}) and the plugin's compiled classes in {@code org.knime.depaf/target/classes}.
 */
class PlaceholderSignaturesTest {

    private static final String API_HEADER = "DEPAF-KNIME-API";

    private static final int MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.PRIVATE
        | Modifier.ABSTRACT | Modifier.FINAL | Modifier.STATIC;

    /** What every class inherits from java.lang.Object, so an interface does not make it abstract. */
    private static final Set<String> OBJECT_METHODS = Set.of("equals(java.lang.Object)", "hashCode()", "toString()");

    @Test
    void placeholdersDeclareOnlyWhatKnimesRealApiDeclaresAlike(@TempDir final Path tmp) throws Exception {
        final Bundle core = FrameworkUtil.getBundle(DataCell.class);
        Assumptions.assumeTrue(core != null, "not running inside OSGi");
        if ("placeholder".equals(core.getHeaders().get(API_HEADER))) {
            System.out.println("PlaceholderSignaturesTest: real-KNIME signature check skipped: ../shared/knime-api "
                + "is absent, so org.knime.core is the placeholder and there is no real API to compare with");
            Assumptions.abort("org.knime.core is the placeholder (no KNIME API kit in ../shared/knime-api)");
        }
        final String repository = System.getProperty("depaf.repository");
        assertNotNull(repository, "system property depaf.repository (the repository root) is not set; "
            + "org.knime.depaf.tests/pom.xml sets it in tycho-surefire's argLine");
        final List<String> out =
            differences(Path.of(repository), tmp, PlaceholderSignaturesTest.class.getClassLoader());
        if (!out.isEmpty()) {
            fail(out.size() + " differences between the placeholders (knime-api-placeholders/) and KNIME's real API "
                + "(bundle " + core.getSymbolicName() + " " + core.getVersion() + ", " + API_HEADER + ": "
                + core.getHeaders().get(API_HEADER) + "):\n" + String.join("\n", out));
        }
    }

    /**
     * @param root the repository root
     * @param tmp an empty folder for the compiled placeholders
     * @param real the class loader that sees KNIME's real classes
     * @return one line per difference
     */
    static List<String> differences(final Path root, final Path tmp, final ClassLoader real) throws Exception {
        final Map<String, Path> sources = placeholderSources(root.resolve("knime-api-placeholders"));
        assertFalse(sources.isEmpty(), "found no placeholder sources under " + root.resolve("knime-api-placeholders"));
        final Path classes = Files.createDirectory(tmp.resolve("placeholders"));
        compile(sources.values(), classes);
        final List<String> out = new ArrayList<>();
        try (URLClassLoader placeholders = new URLClassLoader(new URL[] {classes.toUri().toURL()},
            ClassLoader.getPlatformClassLoader())) {
            final Map<String, Class<?>> checked = new TreeMap<>();
            for (final String name : sources.keySet()) {
                final Class<?> placeholder = Class.forName(name, false, placeholders);
                assertTrue(placeholder.getClassLoader() == placeholders,
                    name + " came from the runtime, not from the compiled placeholders");
                compareClassTree(placeholder, real, checked, out);
            }
            comparePluginSupertypes(root.resolve("org.knime.depaf/target/classes"), checked, real, out);
        }
        return out;
    }

    /** @return binary class name → source file, for every knime-api-placeholders/{bundle}/src/**&#47;*.java */
    private static Map<String, Path> placeholderSources(final Path placeholders) throws IOException {
        final Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> bundles = Files.list(placeholders)) {
            for (final Path src : (Iterable<Path>)bundles.map(b -> b.resolve("src")).filter(Files::isDirectory)
                .sorted()::iterator) {
                try (Stream<Path> files = Files.walk(src)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                        final String relative = src.relativize(f).toString().replace('\\', '/');
                        if (!relative.endsWith("package-info.java")) {
                            out.put(relative.substring(0, relative.length() - ".java".length()).replace('/', '.'),
                                f);
                        }
                    });
                }
            }
        }
        return out;
    }

    private static void compile(final Iterable<Path> sources, final Path classes) throws IOException {
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler: the tests need to run on a JDK");
        final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files =
            javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            final List<Path> list = new ArrayList<>();
            sources.forEach(list::add);
            // Nothing but the (empty) output folder on the class path: the placeholders must compile from the JDK
            // and each other alone, not from the test runtime's KNIME classes.
            final boolean ok = javac.getTask(new StringWriter(), files, diagnostics, List.of("--release", "17",
                "-proc:none", "-encoding", "UTF-8", "-classpath", classes.toString(), "-d", classes.toString()), null,
                files.getJavaFileObjectsFromPaths(list)).call();
            final List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                    + d.getMessage(Locale.ROOT))
                .toList();
            assertTrue(ok && errors.isEmpty(), "the placeholders do not compile:\n" + String.join("\n", errors));
        }
    }

    // ---- classes ----

    private static void compareClassTree(final Class<?> placeholder, final ClassLoader realLoader,
        final Map<String, Class<?>> checked, final List<String> out) {
        checked.put(placeholder.getName(), placeholder);
        final Class<?> real;
        try {
            real = Class.forName(placeholder.getName(), false, realLoader);
        } catch (final ClassNotFoundException | LinkageError e) {
            out.add(placeholder.getName() + ": no such class in the real API (" + e + ")");
            return;
        }
        compareClass(placeholder, real, out);
        for (final Class<?> nested : placeholder.getDeclaredClasses()) {
            compareClassTree(nested, realLoader, checked, out);
        }
    }

    private static void compareClass(final Class<?> p, final Class<?> r, final List<String> out) {
        final String c = p.getName();
        same(out, c, "kind", kind(p), kind(r));
        same(out, c, "modifiers", Modifier.toString(p.getModifiers() & MODIFIERS),
            Modifier.toString(r.getModifiers() & MODIFIERS));
        same(out, c, "type parameters", typeParameters(p), typeParameters(r));
        same(out, c, "sealed", p.isSealed() ? "sealed permits " + permitted(p) : "not sealed",
            r.isSealed() ? "sealed permits " + permitted(r) : "not sealed");
        same(out, c, "superclass", typeName(p.getGenericSuperclass()), typeName(r.getGenericSuperclass()));
        same(out, c, "interfaces", typeNames(p.getGenericInterfaces()), typeNames(r.getGenericInterfaces()));
        if (p.isAnnotation() && r.isAnnotation()) {
            compareAnnotationType(p, r, out);
        }
        for (final Constructor<?> k : p.getDeclaredConstructors()) {
            if (!k.isSynthetic() && !Modifier.isPrivate(k.getModifiers())) {
                compareConstructor(k, r, out);
            }
        }
        for (final Method m : p.getDeclaredMethods()) {
            if (!m.isSynthetic() && !m.isBridge()) {
                compareMethod(m, r, out);
            }
        }
        for (final Field f : p.getDeclaredFields()) {
            if (!f.isSynthetic()) {
                compareField(f, r, out);
            }
        }
    }

    private static void compareAnnotationType(final Class<?> p, final Class<?> r, final List<String> out) {
        final String c = p.getName();
        same(out, c, "@Target", target(p), target(r));
        same(out, c, "@Retention", retention(p), retention(r));
        same(out, c, "@Inherited", p.isAnnotationPresent(Inherited.class), r.isAnnotationPresent(Inherited.class));
        for (final Method m : p.getDeclaredMethods()) {
            final Method rm = declaredMethod(r, m.getName(), erased(m));
            if (rm != null) {
                same(out, c, "element " + m.getName() + "()", hasDefault(m), hasDefault(rm));
            }
        }
        for (final Method rm : r.getDeclaredMethods()) {
            if (!rm.isSynthetic() && rm.getDefaultValue() == null
                && declaredMethod(p, rm.getName(), List.of()) == null) {
                out.add(c + ": element " + rm.getName() + "() has no default in the real API, so every use needs it, "
                    + "but the placeholder lacks it");
            }
        }
    }

    private static String target(final Class<?> annotation) {
        final Target t = annotation.getAnnotation(Target.class);
        return t == null ? "none" : Arrays.toString(t.value());
    }

    private static String retention(final Class<?> annotation) {
        final Retention t = annotation.getAnnotation(Retention.class);
        return t == null ? "none" : t.value().toString();
    }

    private static String hasDefault(final Method element) {
        return element.getDefaultValue() == null ? "no default" : "a default";
    }

    // ---- members ----

    private static void compareConstructor(final Constructor<?> p, final Class<?> r, final List<String> out) {
        final String c = p.getDeclaringClass().getName();
        final String what = "constructor " + signature(p);
        Constructor<?> real = null;
        for (final Constructor<?> k : r.getDeclaredConstructors()) {
            if (!k.isSynthetic() && erased(k).equals(erased(p))) {
                real = k;
            }
        }
        if (real == null) {
            out.add(c + ": " + what + " is not in the real API (real: " + Arrays.stream(r.getDeclaredConstructors())
                .filter(k -> !k.isSynthetic()).map(k -> modifiers(k) + signature(k)).sorted()
                .collect(Collectors.joining(", ")) + ")");
            return;
        }
        compareExecutable(c, what, p, real, out);
    }

    private static void compareMethod(final Method p, final Class<?> r, final List<String> out) {
        final String c = p.getDeclaringClass().getName();
        final String what = "method " + signature(p);
        final Method real = findMethod(r, p.getName(), erased(p));
        if (real == null) {
            out.add(c + ": " + what + " is not in the real API");
            return;
        }
        final String where = real.getDeclaringClass() == r ? "" : " (real: inherited from "
            + real.getDeclaringClass().getName() + ")";
        compareExecutable(c, what + where, p, real, out);
        same(out, c, what + where + " return type", typeName(p.getGenericReturnType()),
            typeName(real.getGenericReturnType()));
    }

    private static void compareExecutable(final String c, final String what, final Executable p, final Executable r,
        final List<String> out) {
        same(out, c, what + " modifiers", modifiers(p).trim(), modifiers(r).trim());
        same(out, c, what + " type parameters", typeParameters(p), typeParameters(r));
        same(out, c, what + " parameter types", String.join(", ", typeNameList(p.getGenericParameterTypes())),
            String.join(", ", typeNameList(r.getGenericParameterTypes())));
        same(out, c, what + " varargs", String.valueOf(p.isVarArgs()), String.valueOf(r.isVarArgs()));
        same(out, c, what + " checked exceptions", typeNames(p.getGenericExceptionTypes()),
            typeNames(r.getGenericExceptionTypes()));
    }

    private static void compareField(final Field p, final Class<?> r, final List<String> out) {
        final String c = p.getDeclaringClass().getName();
        final String what = "field " + p.getName();
        Field real = null;
        for (final Class<?> t : supertypesClosure(r)) {
            try {
                final Field f = t.getDeclaredField(p.getName());
                if (t == r || inherited(f.getModifiers(), t, r)) {
                    real = f;
                    break;
                }
            } catch (final NoSuchFieldException e) { // NOSONAR: look further up
            }
        }
        if (real == null) {
            out.add(c + ": " + what + " is not in the real API");
            return;
        }
        same(out, c, what + " modifiers", Modifier.toString(p.getModifiers() & MODIFIERS),
            Modifier.toString(real.getModifiers() & MODIFIERS));
        same(out, c, what + " type", typeName(p.getGenericType()), typeName(real.getGenericType()));
    }

    /** @return the method as a member of {@code type}: declared there or inherited, most specific first */
    private static Method findMethod(final Class<?> type, final String name, final List<String> erased) {
        for (final Class<?> t : supertypesClosure(type)) {
            final Method m = declaredMethod(t, name, erased);
            if (m != null && (t == type || inherited(m.getModifiers(), t, type)
                && !(t.isInterface() && Modifier.isStatic(m.getModifiers())))) {
                return m;
            }
        }
        return null;
    }

    /** @return whether a member of {@code supertype} with these modifiers is a member of {@code type} too */
    private static boolean inherited(final int modifiers, final Class<?> supertype, final Class<?> type) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)
            || !Modifier.isPrivate(modifiers) && supertype.getPackageName().equals(type.getPackageName());
    }

    private static Method declaredMethod(final Class<?> type, final String name, final List<String> erased) {
        for (final Method m : type.getDeclaredMethods()) {
            if (!m.isSynthetic() && !m.isBridge() && m.getName().equals(name) && erased(m).equals(erased)) {
                return m;
            }
        }
        return null;
    }

    /** @return the type, then its superclasses and interfaces breadth-first (so the more specific ones first) */
    private static List<Class<?>> supertypesClosure(final Class<?> type) {
        final Set<Class<?>> seen = new LinkedHashSet<>();
        final Deque<Class<?>> queue = new ArrayDeque<>(List.of(type));
        while (!queue.isEmpty()) {
            final Class<?> t = queue.poll();
            if (seen.add(t)) {
                if (t.getSuperclass() != null) {
                    queue.add(t.getSuperclass());
                }
                queue.addAll(Arrays.asList(t.getInterfaces()));
            }
        }
        return new ArrayList<>(seen);
    }

    // ---- what the plugin extends ----

    private static void comparePluginSupertypes(final Path pluginClasses, final Map<String, Class<?>> placeholders,
        final ClassLoader realLoader, final List<String> out) throws IOException {
        assertTrue(Files.isDirectory(pluginClasses), pluginClasses + " is missing: build org.knime.depaf first");
        final Map<String, Set<String>> users = new TreeMap<>(); // KNIME type → plugin classes that extend it
        try (Stream<Path> files = Files.walk(pluginClasses)) {
            for (final Path f : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                final String user = pluginClasses.relativize(f).toString().replace('\\', '/').replace('/', '.');
                for (final String s : ClassReferences.directSupertypes(Files.readAllBytes(f))) {
                    if (s.startsWith("org.knime.") && !s.startsWith("org.knime.depaf.")) {
                        users.computeIfAbsent(s, k -> new TreeSet<>()).add(user.substring(0, user.length() - 6));
                    }
                }
            }
        }
        assertFalse(users.isEmpty(), "no class in " + pluginClasses + " extends a KNIME type; are the classes there?");
        for (final Map.Entry<String, Set<String>> e : users.entrySet()) {
            final Class<?> placeholder = placeholders.get(e.getKey());
            if (placeholder == null) {
                out.add(e.getKey() + ": extended by " + e.getValue() + " but has no placeholder");
                continue;
            }
            final Class<?> real;
            try {
                real = Class.forName(e.getKey(), false, realLoader);
            } catch (final ClassNotFoundException | LinkageError ex) {
                continue; // reported with the class
            }
            final SortedMap<String, String> p = abstractMethods(placeholder);
            final SortedMap<String, String> r = abstractMethods(real);
            for (final String key : r.keySet()) {
                if (!p.containsKey(key)) {
                    out.add(e.getKey() + ": abstract method " + r.get(key) + " (real) is not abstract in the "
                        + "placeholder, but " + e.getValue() + " must implement it");
                }
            }
            for (final String key : p.keySet()) {
                if (!r.containsKey(key)) {
                    out.add(e.getKey() + ": abstract method " + p.get(key) + " of the placeholder is not abstract in "
                        + "the real API (extended by " + e.getValue() + ")");
                }
            }
        }
    }

    /**
     * @return "name(erased parameter types)" → description, for every abstract method that a concrete subclass of
     *         {@code type} has to implement
     */
    static SortedMap<String, String> abstractMethods(final Class<?> type) {
        final Map<String, Method> fromClasses = new LinkedHashMap<>();
        if (!type.isInterface()) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                final Map<String, Method> here = new LinkedHashMap<>();
                for (final Method m : c.getDeclaredMethods()) {
                    // A bridge implements the erased signature it stands for, but the real method describes it.
                    if (inheritable(m) && (!m.isBridge() || !here.containsKey(key(m)))) {
                        here.put(key(m), m);
                    }
                }
                here.forEach(fromClasses::putIfAbsent);
            }
        }
        final Map<String, List<Method>> fromInterfaces = new LinkedHashMap<>();
        for (final Class<?> t : supertypesClosure(type)) {
            if (t.isInterface()) {
                for (final Method m : t.getDeclaredMethods()) {
                    if (inheritable(m) && !m.isBridge()) {
                        fromInterfaces.computeIfAbsent(key(m), k -> new ArrayList<>()).add(m);
                    }
                }
            }
        }
        final SortedMap<String, String> out = new TreeMap<>();
        fromClasses.forEach((key, m) -> {
            if (Modifier.isAbstract(m.getModifiers())) {
                out.put(key, describe(m));
            }
        });
        fromInterfaces.forEach((key, candidates) -> {
            if (fromClasses.containsKey(key) || OBJECT_METHODS.contains(key)) {
                return; // a class's declaration wins over an interface's
            }
            // Of several interfaces, the most specific declarations count.
            final List<Method> specific = candidates.stream().filter(m -> candidates.stream()
                .noneMatch(o -> o != m && m.getDeclaringClass().isAssignableFrom(o.getDeclaringClass())
                    && m.getDeclaringClass() != o.getDeclaringClass()))
                .toList();
            if (specific.stream().noneMatch(Method::isDefault)) {
                out.put(key, describe(specific.get(0)));
            }
        });
        return out;
    }

    private static boolean inheritable(final Method m) {
        return !Modifier.isStatic(m.getModifiers()) && !Modifier.isPrivate(m.getModifiers());
    }

    private static String key(final Method m) {
        return m.getName() + "(" + String.join(", ", erased(m)) + ")";
    }

    private static String describe(final Method m) {
        return modifiers(m) + typeName(m.getGenericReturnType()) + " " + signature(m) + " of "
            + m.getDeclaringClass().getName();
    }

    // ---- names ----

    private static void same(final List<String> out, final String c, final String what, final Object placeholder,
        final Object real) {
        if (!Objects.equals(placeholder, real)) {
            out.add(c + ": " + what + ": placeholder " + shown(placeholder) + ", real " + shown(real));
        }
    }

    private static Object shown(final Object value) {
        return "".equals(value) ? "(none)" : value;
    }

    private static String kind(final Class<?> c) {
        if (c.isAnnotation()) {
            return "annotation";
        }
        if (c.isInterface()) {
            return "interface";
        }
        if (c.isEnum()) {
            return "enum";
        }
        return c.isRecord() ? "record" : "class";
    }

    private static String modifiers(final Executable e) {
        final String m = Modifier.toString(e.getModifiers() & MODIFIERS)
            + (e instanceof Method method && method.isDefault() ? " default" : "");
        return m.isEmpty() ? "" : m.trim() + " ";
    }

    private static Set<String> permitted(final Class<?> c) {
        final Set<String> out = new TreeSet<>();
        for (final Class<?> s : c.getPermittedSubclasses()) {
            out.add(s.getName());
        }
        return out;
    }

    private static String typeParameters(final GenericDeclaration d) {
        final List<String> out = new ArrayList<>();
        for (final TypeVariable<?> v : d.getTypeParameters()) {
            final List<String> bounds = typeNameList(v.getBounds()).stream()
                .filter(b -> !b.equals("java.lang.Object")).toList();
            out.add(v.getName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
        }
        return out.isEmpty() ? "" : "<" + String.join(", ", out) + ">";
    }

    private static String signature(final Executable e) {
        final List<String> params = typeNameList(e.getGenericParameterTypes());
        if (e.isVarArgs() && !params.isEmpty()) {
            final String last = params.get(params.size() - 1);
            params.set(params.size() - 1, last.substring(0, last.length() - 2) + "...");
        }
        final String name = e instanceof Constructor ? e.getDeclaringClass().getSimpleName() : e.getName();
        return typeParameters(e) + (typeParameters(e).isEmpty() ? "" : " ") + name + "(" + String.join(", ", params)
            + ")";
    }

    private static List<String> erased(final Executable e) {
        return Arrays.stream(e.getParameterTypes()).map(Class::getTypeName).toList();
    }

    private static String typeName(final Type t) {
        return t == null ? "none" : t.getTypeName();
    }

    private static Set<String> typeNames(final Type[] types) {
        return new TreeSet<>(typeNameList(types));
    }

    private static List<String> typeNameList(final Type[] types) {
        final List<String> out = new ArrayList<>();
        for (final Type t : types) {
            out.add(t.getTypeName());
        }
        return out;
    }
}
