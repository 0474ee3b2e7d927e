/**
 * Faces: {@link dev.openrecog.vision.face.FaceAnalyzer} detects every face in a
 * {@link dev.openrecog.vision.image.DecodedImage} (BlazeFace), aligns each on its eyes and embeds it (faceres), giving
 * {@link dev.openrecog.vision.face.Face}s with boxes in original-image pixels and L2-normalized 256-d embeddings
 * compared by dot product against {@link dev.openrecog.vision.face.FaceAnalyzer#matchThreshold()}. The models, their
 * manifests and how they were chosen: {@code shared/vision/MODELS.md}, section Faces.
 */
package dev.openrecog.vision.face;
