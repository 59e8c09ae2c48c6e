package org.knime.depaf.bench;

import java.awt.Rectangle;
import java.util.Locale;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;

import uk.ac.sussex.gdsc.smlm.data.config.CalibrationProtos.CameraType;
import uk.ac.sussex.gdsc.smlm.data.config.CalibrationWriter;
import uk.ac.sussex.gdsc.smlm.data.config.FitProtos.DataFilterMethod;
import uk.ac.sussex.gdsc.smlm.data.config.FitProtos.FitSolver;
import uk.ac.sussex.gdsc.smlm.data.config.PSFProtos.PSFType;
import uk.ac.sussex.gdsc.smlm.engine.FitConfiguration;
import uk.ac.sussex.gdsc.smlm.engine.FitEngine;
import uk.ac.sussex.gdsc.smlm.engine.FitEngineConfiguration;
import uk.ac.sussex.gdsc.smlm.engine.FitJob;
import uk.ac.sussex.gdsc.smlm.engine.FitQueue;
import uk.ac.sussex.gdsc.smlm.results.MemoryPeakResults;
import uk.ac.sussex.gdsc.smlm.results.PeakResult;

/**
 * The peer: GDSC SMLM's fit engine (uk.ac.sussex.gdsc:gdsc-smlm, GPL-3), headless, the same engine its ImageJ
 * plugin "Peak Fit" drives. Configuration (the same for every data set except the camera and σ):
 * <ul>
 * <li>PSF: one-axis (circular) Gaussian, initial σ from the data set (simulated σ, or the ground-truth file's
 * documented σ ≈ 110 nm for the shared stack), width fitted;</li>
 * <li>camera: EMCCD with the data set's bias (ADU), total gain (ADU per photon, QE included) and read noise (ADU);
 * </li>
 * <li>spot filter: single mean filter of 1.2 × HWHM, search width 1 × HWHM, border 1 × HWHM, fitting window 3 × σ;
 * </li>
 * <li>fit solver: Levenberg–Marquardt least squares (LVM_LSE), neighbours fitted together (multi-fit),
 * duplicate distance 0.5 × σ;</li>
 * <li>fail limit 10 consecutive failed candidates per frame (dense data; the plugin's default is 3), pass rate 0;
 * </li>
 * <li>result filter: the engine's simple filter, signal strength (SNR) ≥ 5, minimum 30 photons, σ within 0.5–2 ×
 * the initial σ, shift ≤ 1 × σ, precision ≤ 50 nm.</li>
 * </ul>
 * Output coordinates: GDSC puts the top-left corner of the first pixel at 0 (pixel centres at i + 0.5), the same as
 * the project's nanometre convention, so x_nm = x_gdsc × pixel size.
 */
final class GdscSmlmFitter {

    private final double sigmaPx;
    private final Camera camera;
    private final double pixelSizeNm;

    /** EMCCD camera for GDSC: bias in ADU, total gain in ADU per photon, read noise in ADU. */
    record Camera(double biasAdu, double aduPerPhoton, double readNoiseAdu, double qe) {
        String describe() {
            return String.format(Locale.ROOT, "EMCCD, bias %.0f ADU, gain %.2f ADU/photon, read noise %.2f ADU, QE %.2f",
                biasAdu, aduPerPhoton, readNoiseAdu, qe);
        }
    }

    GdscSmlmFitter(final double sigmaPx, final Camera camera, final double pixelSizeNm) {
        this.sigmaPx = sigmaPx;
        this.camera = camera;
        this.pixelSizeNm = pixelSizeNm;
    }

    /** @return the configuration in one line, for the report */
    String describe() {
        return String.format(Locale.ROOT, "Gaussian σ₀ = %.2f px, %s, mean filter 1.2, fit window 3σ, LVM least "
            + "squares with neighbours, fail limit 10, SNR ≥ 5, precision ≤ 50 nm", sigmaPx, camera.describe());
    }

    private FitEngineConfiguration configuration() {
        final FitEngineConfiguration config = FitEngineConfiguration.create();
        final FitConfiguration fit = config.getFitConfiguration();
        final CalibrationWriter cal = new CalibrationWriter();
        cal.setNmPerPixel(pixelSizeNm);
        cal.setCameraType(CameraType.EMCCD);
        cal.setBias(camera.biasAdu());
        cal.setCountPerPhoton(camera.aduPerPhoton());
        cal.setReadNoise(camera.readNoiseAdu());
        cal.setQuantumEfficiency(camera.qe());
        cal.setExposureTime(100);
        fit.setCalibration(cal.getCalibration());
        fit.setPsfType(PSFType.ONE_AXIS_GAUSSIAN_2D);
        fit.setInitialPeakStdDev(sigmaPx);
        fit.setFitSolver(FitSolver.LVM_LSE);
        fit.setSmartFilter(false);
        fit.setDisableSimpleFilter(false);
        fit.setSignalStrength(5);
        fit.setMinPhotons(30);
        fit.setMinWidthFactor(0.5);
        fit.setMaxWidthFactor(2);
        fit.setCoordinateShiftFactor(1);
        fit.setPrecisionThreshold(50);
        config.setDataFilter(DataFilterMethod.MEAN, 1.2, false, 0);
        config.setSearch(1);
        config.setBorder(1);
        config.setFitting(3);
        config.setFailuresLimit(10);
        config.setPassRate(0);
        config.setIncludeNeighbours(true);
        config.setDuplicateDistance(0.5);
        return config;
    }

    /**
     * Fits every frame on one worker thread.
     *
     * @param stack raw camera frames in ADU
     * @return the localisations in nm, frames 1-based
     */
    LocalisationTable localise(final ImageStack stack) {
        final MemoryPeakResults results = new MemoryPeakResults();
        results.begin();
        final FitEngine engine = FitEngine.create(configuration(), results, 1, FitQueue.BLOCKING);
        final Rectangle bounds = new Rectangle(0, 0, stack.width(), stack.height());
        for (int f = 0; f < stack.frames(); f++) {
            engine.run(new FitJob(f + 1, stack.frame(f), bounds));
        }
        engine.end(false);
        results.end();
        final LocalisationTable.Builder table = LocalisationTable.builder(pixelSizeNm);
        for (int i = 0; i < results.size(); i++) {
            final PeakResult r = results.get(i);
            table.add(r.getFrame(), r.getXPosition() * pixelSizeNm, r.getYPosition() * pixelSizeNm);
        }
        return table.build().sortedByFrame();
    }
}
