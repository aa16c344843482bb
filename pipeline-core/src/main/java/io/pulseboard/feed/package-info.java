/**
 * What views may read: the immutable {@link io.pulseboard.feed.PipelineSnapshot}s (with the sinks'
 * {@link io.pulseboard.feed.SinkHealth}) that the runtime publishes through a {@link
 * io.pulseboard.feed.MetricsFeed}. Nothing here starts, stops or owns a pipeline part; that is
 * {@code io.pulseboard.runtime}'s, which views need not import.
 */
package io.pulseboard.feed;
