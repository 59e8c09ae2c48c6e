package org.knime.depaf.cli;

import java.nio.file.Path;
import java.util.List;

import org.knime.depaf.core.eval.MetricsReport;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.util.OutputPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depaf evaluate}: the Evaluator node; prints the metrics table. */
@Command(name = "evaluate", sortOptions = false,
    description = {"Compare localisations with ground truth as the EPFL SMLM challenge 2016 does: per frame, "
        + "pairs within the tolerance, nearest first; counts pooled over frames. Prints recall, precision, "
        + "Jaccard index, lateral RMSE and efficiency for each tolerance.", ""},
    footer = {"", "Examples:", "  depaf evaluate localisations.csv ground-truth.csv",
        "  depaf evaluate loc3d.csv gt3d.csv --tolerance 250 --axial-tolerance 500 \\",
        "      --csv metrics.csv",
        "  depaf evaluate loc.csv gt.csv --border 450 --field 6400,6400"})
final class EvaluateCommand extends DepafCommand {

    @Parameters(index = "0", paramLabel = "LOCALISATIONS", description = "Localisation CSV (x, y in nm).")
    Path localisations;

    @Parameters(index = "1", paramLabel = "GROUND_TRUTH", description = "Ground-truth CSV (x, y in nm).")
    Path groundTruth;

    @Option(names = "--tolerance", paramLabel = "NM", split = ",",
        description = "Lateral tolerances in nm, one table row each (default 250,100).")
    double[] tolerances = MetricsReport.DEFAULT_TOLERANCES_NM.clone();

    @Option(names = "--axial-tolerance", paramLabel = "NM",
        description = "Also require |Δz| ≤ this (3-D; both files need z). Default: no axial condition.")
    double axialToleranceNm = Double.NaN;

    @Option(names = "--border", paramLabel = "NM", description = "Leave out points this close to the field's "
        + "edge (the challenge uses 450 nm); needs --field.")
    double borderNm;

    @Option(names = "--field", paramLabel = "w,h", converter = Converters.DoublePair.class,
        description = "Field width and height in nm (camera pixels × pixel size), for --border.")
    Converters.Doubles field;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the metrics, full precision, as CSV.")
    Path csv;

    @Override
    int run(final Session session) throws Exception {
        if (borderNm > 0 && field == null) {
            throw new BadInputException("--border needs --field w,h (the field size in nm)");
        }
        CliFiles.checkOutputs(session, CliFiles.inputs(CliFiles.in(localisations, "localisation file (LOCALISATIONS)"),
            CliFiles.in(groundTruth, "ground-truth file (GROUND_TRUTH)")),
            CliFiles.out(csv, "metrics file (--csv)", OutputPolicy.Content.CSV));
        final LocalisationTable loc = CliFiles.readTable(localisations, "localisation file", Double.NaN);
        final LocalisationTable gt = CliFiles.readTable(groundTruth, "ground-truth file", Double.NaN);
        final MetricsReport report;
        try (ProgressMonitor monitor = session.progress("matching")) {
            report = MetricsReport.evaluate(gt, loc, tolerances, axialToleranceNm, borderNm,
                field == null ? null : new double[] {field.first(), field.second()}, monitor);
            monitor.done(null);
        }
        session.info("%d localisations against %d ground-truth points", loc.size(), gt.size());
        session.report().print(report.toText());
        session.report().flush();
        if (csv != null) {
            CsvOutput.writeMetrics(session, csv, report);
            if (!csv.equals(CliFiles.STDOUT)) {
                session.info("Metrics written to %s", csv);
            }
        }
        return DepafCli.EXIT_OK;
    }
}
