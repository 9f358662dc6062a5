"""cleanse inside the engines people already run: Ray Data, datatrove, Hugging Face
datasets, Scrapy.

Each integration is a thin, optional module: import it to use it, and install its
extra first (``pip install 'cleanse[ray]'``, ``[datatrove]``, ``[datasets]``,
``[scrapy]``). Importing this package imports none of them; a missing engine is
reported with the extra that installs it.

================================  ===============================================
``cleanse.integrations.ray``      :func:`~cleanse.integrations.ray.clean_dataset`
                                  (``map_batches``, one pipeline per worker),
                                  ``cleanse clean --engine ray``, and
                                  :func:`~cleanse.integrations.ray.learn_dataset`
``cleanse.integrations.datatrove``  :class:`~cleanse.integrations.datatrove.CleanseFormatter`,
                                  a pipeline step for datatrove executors
``cleanse.integrations.hf``       :func:`~cleanse.integrations.hf.cleaner` for
                                  ``Dataset.map(batched=True, num_proc=N)``
``cleanse.integrations.scrapy``   :class:`~cleanse.integrations.scrapy.CleansePipeline`,
                                  an item pipeline configured from settings
================================  ===============================================

All of them add the same fields (see :mod:`cleanse.integrations._common`): the clean
text, ``cleanse_changes``, ``cleanse_chars_removed``, ``cleanse_chars_added``,
``cleanse_stats`` (JSON), and with ``keep_changes`` every change.
"""

__all__: list[str] = []
