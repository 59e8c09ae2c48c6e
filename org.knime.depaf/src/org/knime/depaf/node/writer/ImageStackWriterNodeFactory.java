package org.knime.depaf.node.writer;

import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the Image Stack Writer node. */
public final class ImageStackWriterNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Image Stack Writer") //
        .icon("image-stack-writer.png") //
        .shortDescription("Writes an image stack (e.g. a background or a rendering) to a TIFF file.") //
        .fullDescription("""
            Writes the frames of an image stack to a multi-page TIFF file that ImageJ/Fiji and other programs \
            open as a stack, with the pixel size in the file's metadata.

            16-bit integers suit camera data (values are rounded and clipped to 0 … 65535); 32-bit floats keep \
            every value exactly (background, background-subtracted and rendered stacks, which may hold fractions \
            or negative values). The stack is copied batch by batch, so any length works; the file appears only \
            when it is complete.

            Your data is safe: the node refuses to write onto the file the stack was read from (however the path \
            is spelled, also through a link), onto a folder, a device or a pipe, and onto an existing file unless \
            'If the file exists' says Overwrite. A link to a file is written through.
            """) //
        .sinceVersion(5, 8, 0) // the KNIME release the node first shipped for
        .ports(p -> p.addInputPort("Image stack", "The stack to write.", ImageStackPortObject.TYPE)) //
        .model(m -> m.parametersClass(ImageStackWriterNodeParameters.class) //
            .configure(ImageStackWriterNodeModel::configure) //
            .execute(ImageStackWriterNodeModel::execute)) //
        .keywords("TIFF", "save", "export", "image stack", "ImageJ", "Fiji");

    /** Creates the factory. */
    public ImageStackWriterNodeFactory() {
        super(NODE);
    }
}
