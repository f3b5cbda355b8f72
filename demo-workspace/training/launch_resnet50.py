"""Launches the nightly ResNet-50 training job on SageMaker (run from the ML platform pipeline).

    python training/launch_resnet50.py --epochs 90
"""
import argparse
from datetime import datetime, timezone

import sagemaker
from sagemaker.pytorch import PyTorch

ROLE_ARN = "arn:aws:iam::123456789012:role/acme-sagemaker-training"
DATASETS = "s3://acme-ml-datasets/imagenet"
MODELS = "s3://acme-ml-models/resnet50/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=90)
    parser.add_argument("--wait", action="store_true", help="stream the job's logs until it ends")
    args = parser.parse_args()

    session = sagemaker.Session()
    estimator = PyTorch(
        entry_point="train.py",
        source_dir="training",
        role=ROLE_ARN,
        framework_version="2.3",
        py_version="py311",
        instance_type="ml.p3.8xlarge",
        instance_count=2,
        volume_size=200,
        max_run=24 * 3600,
        distribution={"torch_distributed": {"enabled": True}},
        output_path=MODELS,
        hyperparameters={
            "epochs": args.epochs,
            "batch_size": 256,
            "num_workers": 2,
            "learning_rate": 0.1,
        },
        metric_definitions=[
            {"Name": "train:loss", "Regex": r"train_loss=([0-9.]+)"},
            {"Name": "validation:top1", "Regex": r"val_top1=([0-9.]+)"},
        ],
        sagemaker_session=session,
    )
    job_name = f"resnet50-train-{datetime.now(timezone.utc):%Y-%m-%d}"
    estimator.fit(
        {"train": f"{DATASETS}/train/", "validation": f"{DATASETS}/validation/"},
        job_name=job_name,
        wait=args.wait,
    )
    print(f"started {job_name}")


if __name__ == "__main__":
    main()
