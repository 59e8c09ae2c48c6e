package org.knime.node;

import java.util.function.Function;
import org.knime.core.node.FluentNodeAPI;
import org.knime.node.DefaultModel.RequireModelParameters;

/** Compile-only placeholder of KNIME's {@code org.knime.node.DefaultNode} (see README.md). */
public final class DefaultNode implements FluentNodeAPI {

    private DefaultNode() {
        throw new UnsupportedOperationException();
    }

    public static RequireName create() {
        throw new UnsupportedOperationException();
    }

    public interface RequireName {
        RequireIcon name(final String name);
    }

    public interface RequireIcon {
        RequireShortDescription icon(final String icon);
    }

    public interface RequireShortDescription {
        RequireFullDescription shortDescription(final String shortDescription);
    }

    public interface RequireFullDescription {
        RequireSinceVersion fullDescription(final String fullDescription);
    }

    public interface RequireSinceVersion {
        RequirePorts sinceVersion(final int major, final int minor, final int revision);
    }

    public interface RequireModel {
        DefaultNode model(Function<RequireModelParameters, DefaultModel> model);
    }

    public DefaultNode keywords(final String... keywords) {
        throw new UnsupportedOperationException();
    }
}
