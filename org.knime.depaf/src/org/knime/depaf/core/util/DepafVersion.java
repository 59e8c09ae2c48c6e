package org.knime.depaf.core.util;

/** The version of DEPAF for KNIME, written into every output for provenance (equals the plugin's version). */
public final class DepafVersion {

    /** The release version (major.minor.micro, as in the plugin's Bundle-Version without qualifier). */
    public static final String VERSION = "0.1.0";

    private DepafVersion() {
    }
}
