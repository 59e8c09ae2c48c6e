package org.knime.depaf.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.Map;

import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.train.TrainingParameters.Preset;

/**
 * The training defaults of each preset, read from the engine, for the help text: a description may say
 * {@code ${bundle:cpu.trainPatchNum}}. The numbers thus always agree with {@link TrainingParameters}; the keys
 * are {@code <preset>.<name>} with the names of {@link TrainingParameters#asMap()}.
 */
final class PresetDefaults extends ListResourceBundle {

    @Override
    protected Object[][] getContents() {
        final List<Object[]> entries = new ArrayList<>();
        for (final Preset preset : Preset.values()) {
            final String prefix = preset.name().toLowerCase(Locale.ROOT) + ".";
            for (final Map.Entry<String, String> e : TrainingParameters.builder(preset, 0).build().asMap()
                .entrySet()) {
                entries.add(new Object[] {prefix + e.getKey(), display(e.getKey(), e.getValue())});
            }
        }
        return entries.toArray(new Object[0][]);
    }

    private static String display(final String key, final String value) {
        switch (key) {
            case "baseWidth":
                return "0".equals(value) ? "auto" : value;
            case "patchSize":
                return "0,0".equals(value) ? "auto" : value;
            case "upsamplRatio":
                return value.replace("NaN", "auto").replace(".0", "");
            case "maxIterations":
            case "maxMinutes":
                return Double.parseDouble(value) == 0 ? "no limit" : value.replaceAll("\\.0$", "");
            default:
                return value.replaceAll("^(\\d+)\\.0$", "$1");
        }
    }
}
