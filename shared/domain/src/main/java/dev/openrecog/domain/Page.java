package dev.openrecog.domain;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One page of records and the exact number of records in the whole listing. */
public final class Page<T> {
    private final List<T> items;
    private final long totalCount;

    public Page(List<T> items, long totalCount) {
        this.items = List.copyOf(items);
        this.totalCount = totalCount;
    }

    public List<T> items() {
        return items;
    }

    public long totalCount() {
        return totalCount;
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().map(mapper).collect(Collectors.toList()), totalCount);
    }
}
