/**
 * Image input for the vision engine: untrusted bytes in, a model input tensor out, with bounded memory and time.
 *
 * <ul>
 *   <li>{@link dev.openrecog.vision.image.ImageDecoder} checks the bytes against
 *       {@link dev.openrecog.vision.image.ImageLimits} (size, format sniffed from magic bytes, HTML polyglots,
 *       dimensions from the header) before decoding, then decodes subsampled to just the size needed, upright
 *       (EXIF orientation of JPEG, TIFF and WebP; PNG {@code eXIf} is not read), into a
 *       {@link dev.openrecog.vision.image.DecodedImage}. Every refusal is an {@code InvalidParameter}
 *       {@link dev.openrecog.domain.ApiException} with a specific message.</li>
 *   <li>{@link dev.openrecog.vision.image.Preprocess} turns that into an
 *       {@link dev.openrecog.vision.image.ImageTensor} as an {@link dev.openrecog.vision.image.InputSpec} (the
 *       {@code input} object of a model manifest) describes, and the tensor maps its coordinates back to the
 *       original image.</li>
 * </ul>
 *
 * <pre>{@code
 * ImageDecoder decoder = new ImageDecoder();                    // thread-safe, keep one
 * InputSpec spec = InputSpec.fromMap(manifestInput);            // or InputSpec.of(512, 512).with...(...)
 * DecodedImage image = decoder.decode(bytes, spec);             // ApiException(InvalidParameter) when refused
 * ImageTensor input = Preprocess.toTensor(image, spec);
 * try (OnnxTensor t = OnnxTensor.createTensor(env, input.data(), input.shape())) { ... }
 * double[] box = input.toOriginalBox(x1, y1, x2, y2);          // tensor pixels to original pixels
 * }</pre>
 */
package dev.openrecog.vision.image;
