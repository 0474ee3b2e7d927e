package dev.openrecog.domain;

/** Downloads the image behind an http(s) ImageUrl, refusing any target the server must not reach. */
public interface ImageFetcher {
    /**
     * The body at {@code url}, at most {@link ImageLabeler#MAX_IMAGE_BYTES}.
     *
     * @throws ApiException InvalidParameter, InvalidImageUrl.Forbidden or InvalidImageUrl.DownloadFailed
     */
    byte[] fetch(String url);
}
