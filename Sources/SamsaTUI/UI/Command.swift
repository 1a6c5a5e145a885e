/// Everything a key can ask the workbench to do.
public enum Command: Sendable, Hashable {
    // Focus and movement.
    case focusNext, focusPrevious, moveUp, moveDown, moveTop, moveBottom, pageUp, pageDown, open, zoom
    // Global.
    case filter, menu, help, quit, switchTheme, toggleTour, toggleLanguage, showLog, produceHere
    // Topics.
    case createTopic, deleteTopic, addPartitions, topicDetail
    // Topics: internal ones shown or hidden (uxfixes-a).
    case toggleInternalTopics
    // Groups.
    case startConsumer, stopConsumer, resetOffsets
    // Tour.
    case tourNext, tourBack
    // Producer input.
    case send, cycleAcks, cyclePartitioning, clearInput, leaveInput
    // Transactions (in the producer input, and from the menu).
    case beginTransaction, commitTransaction, abortTransaction
    // Streams (the Streams view, and the menu).
    case toggleStreams, startStreams, stopStreams
    // Connect (the Connect view, and the menu).
    case toggleConnect, newConnector, writeLines, pauseResumeConnector, restartConnector, deleteConnector, tailConnectorTopic
    // Segments (dumplog): the partition's segment files as dump-log shows them.
    case showSegments
    // The record browser (b, and its own keys).
    case browseRecords, seekRecords, nextMatch, previousMatch, writeRecord, writeRecords, reproduceRecord
    // Overlays (menus, forms, dialogs, help).
    case confirm, cancel, nextField, previousField
}
