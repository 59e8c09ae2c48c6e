package org.knime.depaf.node.renderer;

import org.knime.core.node.InvalidSettingsException;
import org.knime.depaf.core.loc.ColorMap;
import org.knime.depaf.node.adapter.RenderOptions;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;

/** Settings of the Localization Renderer; every option is also a flow variable. */
public final class RendererNodeParameters implements NodeParameters {

    private static final RenderOptions D = RenderOptions.defaults();

    /** Rendering methods (the dialog's labels). */
    enum MethodChoice {
        @Label(value = "Gaussian", description = "Each localisation a normalised 2-D Gaussian of σ (or of its "
            + "uncertainty).")
        GAUSSIAN(RenderOptions.Method.GAUSSIAN),
        @Label(value = "Histogram", description = "Number of localisations per render pixel.")
        HISTOGRAM(RenderOptions.Method.HISTOGRAM);

        final RenderOptions.Method m_method;

        MethodChoice(final RenderOptions.Method method) {
            m_method = method;
        }
    }

    /** Colour maps (the dialog's labels). */
    enum ColorChoice {
        @Label(value = "Hot", description = "Black – red – yellow – white.")
        HOT(ColorMap.HOT),
        @Label(value = "Inferno", description = "Perceptually uniform, dark purple to pale yellow.")
        INFERNO(ColorMap.INFERNO),
        @Label(value = "Grey", description = "Linear grey.")
        GREY(ColorMap.GREY);

        final ColorMap m_map;

        ColorChoice(final ColorMap map) {
            m_map = map;
        }
    }

    @Widget(title = "Method", description = "How localisations become pixels.")
    @ValueSwitchWidget
    MethodChoice m_method = MethodChoice.valueOf(D.method().name());

    @Widget(title = "Render pixel size [nm]", description = "Pixel size of the super-resolution image in nm (e.g. "
        + "10 nm, a tenth of a typical camera pixel).")
    double m_renderPixelNm = D.renderPixelNm();

    @Widget(title = "Gaussian σ [nm]", description = "Width of each Gaussian in nm (method 'Gaussian'); 0 uses each "
        + "localisation's 'uncertainty [nm]' column.")
    double m_sigmaNm = D.sigmaNm();

    @Widget(title = "Field width [nm]", description = "Width of the rendered field from x = 0 in nm; 0 covers the "
        + "localisations.")
    double m_fieldWidthNm = D.fieldWidthNm();

    @Widget(title = "Field height [nm]", description = "Height of the rendered field from y = 0 in nm; 0 covers the "
        + "localisations.")
    double m_fieldHeightNm = D.fieldHeightNm();

    @Widget(title = "Colour map", description = "Colours of the PNG image.")
    ColorChoice m_colorMap = ColorChoice.valueOf(D.colorMap().name());

    @Widget(title = "Saturation percentile [%]", description = "Percentile of the non-empty pixels shown at full "
        + "brightness in the PNG (e.g. 99.5); brighter pixels saturate.")
    double m_saturationPercentile = D.saturationPercentile();

    /** @return the options as the adapter's value object */
    RenderOptions toOptions() {
        return new RenderOptions(m_method.m_method, m_renderPixelNm, m_sigmaNm, m_fieldWidthNm, m_fieldHeightNm,
            m_colorMap.m_map, m_saturationPercentile);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            toOptions().validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
