package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.detect.Detector;
import org.knime.depaf.core.detect.FrameMaps;
import org.knime.depaf.core.detect.ThresholdSearch;
import org.knime.depaf.core.detect.ThresholdSearchResult;
import org.knime.depaf.core.forward.PoiSampler;
import org.knime.depaf.core.forward.ReflectConvolution;
import org.knime.depaf.core.forward.SpotSynthesizer;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.util.Monitor;

class ThresholdCurveRowsTest {

    @Test
    void listsEveryCoarseAndFineEvaluation() {
        final Poi poi = GaussianPoi.ofSigma(1.5, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED);
        final int n = 32;
        final float[] a = new float[n * n];
        a[8 * n + 8] = 1;
        a[20 * n + 12] = 0.7f;
        a[20 * n + 13] = 0.3f;
        a[5 * n + 25] = 0.05f;
        final float[] dsum = ReflectConvolution.convolveReflect(a, n, n, poi.values(), poi.height(), poi.width());
        final PoiSampler sampler = new PoiSampler(poi, Interpolation.SPLINE);
        final ThresholdSearchResult r = new ThresholdSearch(new Detector(sampler), new SpotSynthesizer(sampler), 10, 1)
            .search(List.of(new FrameMaps(a, 1, n, n, dsum, dsum.clone())), Monitor.NONE);
        final List<Object[]> rows = ThresholdCurveRows.rows(r);
        assertEquals(r.coarseThresholds().length + r.fineThresholds().length, rows.size());
    }
}
