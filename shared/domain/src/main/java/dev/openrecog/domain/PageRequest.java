package dev.openrecog.domain;

/** A 1-based page of a listing: PageNumber and PageSize as the API takes them. */
public final class PageRequest {
    public static final int MAX_PAGE_SIZE = 50;

    private final int pageNumber;
    private final int pageSize;

    public PageRequest(int pageNumber, int pageSize) {
        if (pageNumber < 1) {
            throw ApiException.invalidParameter("PageNumber must be 1 or greater; got " + pageNumber + ".");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ApiException.invalidParameter("PageSize must be between 1 and " + MAX_PAGE_SIZE + "; got " + pageSize + ".");
        }
        this.pageNumber = pageNumber;
        this.pageSize = pageSize;
    }

    public int pageNumber() {
        return pageNumber;
    }

    public int pageSize() {
        return pageSize;
    }

    /** How many items come before this page. */
    public long offset() {
        return (long) (pageNumber - 1) * pageSize;
    }
}
