package org.knime.depaf.node.reader;

import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the Image Stack Reader node. */
public final class ImageStackReaderNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Image Stack Reader") //
        .icon("image-stack-reader.png") //
        .shortDescription("Reads a microscopy image stack (TIFF or MATLAB) for the DEPAF nodes.") //
        .fullDescription("""
            Makes an image stack available to the DEPAF nodes: a movie of single-molecule blinking, a spot image \
            series or a time trace, stored as a multi-page TIFF or a MATLAB file.

            The stack is not copied into the workflow: the output port refers to the file, a frame range and the \
            pixel size, and the DEPAF nodes read the frames batch by batch, so stacks of any length can be used. \
            Keep the file where it is while the workflow uses it.

            TIFF: every page is a frame (8-, 16-, 32-bit integer or float, classic TIFF or BigTIFF; colour images \
            must be converted to grey first). MATLAB: one numeric variable of height × width × frames (v5, v7 or \
            v7.3). The pixel size is read from the TIFF resolution when the file says it, or set in the dialog.
            """) //
        .sinceVersion(5, 8, 0) // the KNIME release the node first shipped for
        .ports(p -> p.addOutputPort("Image stack",
            "The frames of the stack (referenced, not copied), with their pixel size.", ImageStackPortObject.TYPE)) //
        .model(m -> m.parametersClass(ImageStackReaderNodeParameters.class) //
            .configure(ImageStackReaderNodeModel::configure) //
            .execute(ImageStackReaderNodeModel::execute)) //
        .keywords("TIFF", "MAT", "MATLAB", "microscopy", "SMLM", "movie", "frames", "image stack");

    /** Creates the factory. */
    public ImageStackReaderNodeFactory() {
        super(NODE);
    }
}
