//! Annotations, labels and relations: the model every format reads and writes.
