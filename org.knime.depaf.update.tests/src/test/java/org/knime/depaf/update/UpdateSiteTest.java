package org.knime.depaf.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The p2 update site a KNIME user installs from, read as p2 reads it: its metadata (content.jar) holds the plugin,
 * one native fragment per platform with the platform filter that makes p2 install only the matching one, the
 * feature and its category, and nothing else (KNIME itself and the build's placeholders stay out). Each fragment
 * lists exactly its jars; the plugin holds no native library. Prints the sizes.
 */
class UpdateSiteTest {

    /** The native CPU fragments and the platform filter each must carry. */
    static final Map<String, String> NATIVE_FRAGMENTS = Map.of(
        "org.knime.depaf.natives.linux.x86_64", "(&(osgi.arch=x86_64)(osgi.os=linux))",
        "org.knime.depaf.natives.win32.x86_64", "(&(osgi.arch=x86_64)(osgi.os=win32))",
        "org.knime.depaf.natives.macosx.x86_64", "(&(osgi.arch=x86_64)(osgi.os=macosx))",
        "org.knime.depaf.natives.macosx.aarch64", "(&(osgi.arch=aarch64)(osgi.os=macosx))");

    /** The fragments a site must hold, with their filters. */
    Map<String, String> fragments() {
        return NATIVE_FRAGMENTS;
    }

    /** The features a site must hold. */
    List<String> features() {
        return List.of("org.knime.depaf.feature");
    }

    /** @return the site's folder, from a system property the build sets */
    Path location() {
        return Path.of(System.getProperty("depaf.updateSite", "../org.knime.depaf.update/target/repository"));
    }

    private Path site;

    private Map<String, Element> units;

    private Map<String, String> fragments;

    @BeforeEach
    void readMetadata() throws Exception {
        site = location();
        fragments = fragments();
        assertTrue(Files.isRegularFile(site.resolve("content.jar")), "no update site at " + site.toAbsolutePath());
        try (ZipFile zip = new ZipFile(site.resolve("content.jar").toFile());
                InputStream in = zip.getInputStream(zip.getEntry("content.xml"))) {
            final Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            units = new TreeMap<>();
            final NodeList list = doc.getElementsByTagName("unit");
            for (int i = 0; i < list.getLength(); i++) {
                final Element u = (Element)list.item(i);
                units.put(u.getAttribute("id"), u);
            }
        }
    }

    @Test
    void theSiteHoldsThePluginTheFourNativeFragmentsAndTheFeatureOnly() {
        final Set<String> expected = new TreeSet<>(fragments.keySet());
        expected.addAll(List.of("org.knime.depaf", "a.jre.javase")); // the last: p2's description of Java itself
        for (final String feature : features()) {
            expected.addAll(List.of(feature + ".feature.jar", feature + ".feature.group"));
        }
        final Set<String> found = new TreeSet<>(units.keySet());
        found.removeIf(id -> isCategory(units.get(id)));
        assertEquals(expected, found);
        assertEquals(1, units.values().stream().filter(UpdateSiteTest::isCategory).count(), "one category, DEPAF");
    }

    @Test
    void eachNativeFragmentCarriesItsPlatformFilter() {
        for (final Map.Entry<String, String> f : fragments.entrySet()) {
            assertEquals(f.getValue(), filter(units.get(f.getKey())), f.getKey());
        }
        assertEquals("", filter(units.get("org.knime.depaf")), "the plugin is for every platform");
        // the features require each fragment only on its platform
        int filtered = 0;
        for (final String feature : features()) {
            final NodeList required = units.get(feature + ".feature.group").getElementsByTagName("required");
            for (int i = 0; i < required.getLength(); i++) {
                final Element r = (Element)required.item(i);
                if (fragments.containsKey(r.getAttribute("name"))) {
                    assertEquals(fragments.get(r.getAttribute("name")), filter(r), r.getAttribute("name"));
                    filtered++;
                }
            }
        }
        assertEquals(fragments.size(), filtered, "the features include every fragment once");
    }

    @Test
    void eachBundleListsExactlyItsJarsAndOnlyFragmentsHoldNativeCode() throws IOException {
        final Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> plugins = Files.list(site.resolve("plugins"))) {
            for (final Path jar : plugins.sorted().collect(Collectors.toList())) {
                final String name = jar.getFileName().toString();
                final String id = name.substring(0, name.lastIndexOf('_'));
                sizes.put(id, Files.size(jar));
                try (JarFile j = new JarFile(jar.toFile())) {
                    final Manifest m = j.getManifest();
                    final Attributes a = m.getMainAttributes();
                    final Set<String> listed = new TreeSet<>(Arrays.stream(a.getValue("Bundle-ClassPath")
                        .split(",")).map(String::trim).filter(e -> e.startsWith("lib/")).toList());
                    final Set<String> inLib = new TreeSet<>();
                    final List<String> natives = new ArrayList<>();
                    for (final ZipEntry e : j.stream().toList()) {
                        if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")) {
                            inLib.add(e.getName());
                            if (e.getName().matches(".*-(linux|windows|macosx)-.*\\.jar")) {
                                natives.add(e.getName());
                            }
                        }
                        if (e.getName().matches(".*\\.(so|so\\.\\d+|dll|dylib)$")) {
                            natives.add(e.getName());
                        }
                    }
                    assertEquals(inLib, listed, id + ": Bundle-ClassPath and lib/ differ");
                    if (fragments.containsKey(id)) {
                        assertEquals("org.knime.depaf", a.getValue("Fragment-Host").split(";")[0], id);
                        assertTrue(inLib.stream().anyMatch(l -> l.matches("lib/nd4j-(native|cuda-11\\.6)-1.*-"
                            + "(linux|windows|macosx)-.*")), id + " holds no ND4J natives: " + inLib);
                    } else {
                        assertEquals("org.knime.depaf", id);
                        assertTrue(natives.isEmpty(), "the plugin holds native code: " + natives);
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(fragments.keySet()), sizes.keySet().stream()
            .filter(id -> !id.equals("org.knime.depaf")).collect(Collectors.toCollection(TreeSet::new)));
        long total = 0;
        try (Stream<Path> all = Files.walk(site)) {
            for (final Path p : all.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
        }
        final StringBuilder report = new StringBuilder("Update site " + site.normalize() + ":\n");
        sizes.forEach((id, bytes) -> report.append(String.format("  %-42s %7.1f MB%n", id, bytes / 1e6)));
        report.append(String.format("  %-42s %7.1f MB%n", "whole site", total / 1e6));
        System.out.print(report);
        assertFalse(sizes.isEmpty());
    }

    static boolean isCategory(final Element unit) {
        final NodeList props = unit.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            if ("org.eclipse.equinox.p2.type.category".equals(((Element)props.item(i)).getAttribute("name"))) {
                return true;
            }
        }
        return false;
    }

    /** @return the text of the unit's or requirement's own filter element, "" when it has none */
    static String filter(final Element e) {
        for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element f && f.getTagName().equals("filter")) {
                return f.getTextContent().trim();
            }
        }
        return "";
    }
}
