/**
 * Instance recognition for the {@code logo}, {@code landmark} and {@code object} algorithms: does a query image show
 * a registered sample, and where.
 *
 * <ul>
 *   <li>{@link dev.openrecog.vision.instance.InstanceFeatureExtractor} turns an image into
 *       {@link dev.openrecog.vision.instance.InstanceFeatures}: embeddings for shortlisting, SURF keypoints for
 *       verification and a grey thumbnail, stored with a sample as {@code toBytes()} (about 44 KB).</li>
 *   <li>{@link dev.openrecog.vision.instance.InstanceFeatures#similarity} ranks a library's samples for a query;
 *       the best few are verified.</li>
 *   <li>{@link dev.openrecog.vision.instance.InstanceVerifier} matches keypoints and fits a homography; an
 *       {@link dev.openrecog.vision.instance.InstanceMatch} says whether it is a match, with a score and the
 *       sample's box in the query's pixels.</li>
 * </ul>
 *
 * <pre>{@code
 * InstanceFeatureExtractor extractor = InstanceFeatureExtractor.builtIn();   // keep one; thread-safe
 * int side = InstanceFeatureExtractor.FRAME_SIDE;
 * byte[] stored = extractor.extract(decoder.decode(sampleBytes, side, side)).toBytes();   // with the sample
 *
 * InstanceFeatures query = extractor.extract(decoder.decode(queryBytes, side, side));
 * samples.sort(Comparator.comparingDouble(s -> -query.similarity(s)));      // shortlist
 * for (InstanceFeatures sample : samples.subList(0, Math.min(InstanceVerifier.SHORTLIST, samples.size()))) {
 *     InstanceMatch m = verifier.verify(query, sample);
 *     if (m.matched()) { ... m.score(), m.region() ... }
 * }
 * }</pre>
 */
package dev.openrecog.vision.instance;
